package com.egain.auth.spring.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import com.egain.auth.spring.EgainAccessTokens;
import com.egain.auth.spring.FormBody;
import com.egain.auth.spring.TestClients;
import com.egain.auth.spring.autoconfigure.web.client.EgainRestClientAutoConfiguration;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientAutoConfiguration;
import org.springframework.boot.security.oauth2.client.autoconfigure.servlet.OAuth2ClientWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.endpoint.OAuth2AccessTokenResponseClient;
import org.springframework.security.web.SecurityFilterChain;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A servlet application's own Spring Security OAuth2 client (client credentials with
 * {@code client_secret_basic}) works as before beside the starter: Spring Security's
 * servlet configuration finds no starter bean among those it resolves by type.
 */
class ServletApplicationOAuth2ClientCoexistenceTests {

	@RegisterExtension
	WireMockExtension partner = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	@Test
	void applicationsOwnClientSecretBasicRegistrationKeepsItsBasicHeader() {
		this.partner.stubFor(post(urlPathEqualTo("/partner/token"))
			.willReturn(okJson(TestClients.tokenJson("partner-token", 3600))));
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(OAuth2ClientAutoConfiguration.class,
					OAuth2ClientWebSecurityAutoConfiguration.class, RestClientAutoConfiguration.class, EgainAuthAutoConfiguration.class,
					EgainRestClientAutoConfiguration.class))
			.withUserConfiguration(ApplicationSecurity.class)
			.withPropertyValues("spring.security.oauth2.client.registration.partner.client-id=partner-id",
					"spring.security.oauth2.client.registration.partner.client-secret=partner-secret",
					"spring.security.oauth2.client.registration.partner.authorization-grant-type=client_credentials",
					"spring.security.oauth2.client.registration.partner.client-authentication-method=client_secret_basic",
					"spring.security.oauth2.client.provider.partner.token-uri=" + this.partner.baseUrl()
							+ "/partner/token",
					"egain.auth.clients.portal.token-uri=https://ai.egain.cloud" + TestClients.TOKEN_PATH,
					"egain.auth.clients.portal.client-id=" + TestClients.CLIENT_ID,
					"egain.auth.clients.portal.client-secret=" + TestClients.CLIENT_SECRET,
					"egain.auth.clients.portal.scopes=knowledge.portalmgr.manage")
			.run((context) -> {
				assertThat(context).hasSingleBean(EgainAccessTokens.class);
				assertThat(context.getBeanNamesForType(OAuth2AccessTokenResponseClient.class)).isEmpty();
				OAuth2AuthorizedClient authorized = context.getBean(OAuth2AuthorizedClientManager.class)
					.authorize(OAuth2AuthorizeRequest.withClientRegistrationId("partner")
						.principal("scheduler")
						.attribute(HttpServletRequest.class.getName(), new MockHttpServletRequest())
						.attribute(HttpServletResponse.class.getName(), new MockHttpServletResponse())
						.build());
				assertThat(authorized.getAccessToken().getTokenValue()).isEqualTo("partner-token");
				String basic = "Basic " + Base64.getEncoder()
					.encodeToString("partner-id:partner-secret".getBytes(StandardCharsets.UTF_8));
				assertThat(this.partner.findAll(postRequestedFor(urlPathEqualTo("/partner/token")))).singleElement()
					.satisfies((request) -> {
						assertThat(request.getHeader("Authorization")).isEqualTo(basic);
						assertThat(FormBody.parse(request.getBodyAsString())).doesNotContainKey("client_secret");
					});
			});
	}

	@Configuration(proxyBeanMethods = false)
	@EnableWebSecurity
	static class ApplicationSecurity {

		@Bean
		SecurityFilterChain applicationSecurity(HttpSecurity http) throws Exception {
			return http.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll()).build();
		}

	}

}
