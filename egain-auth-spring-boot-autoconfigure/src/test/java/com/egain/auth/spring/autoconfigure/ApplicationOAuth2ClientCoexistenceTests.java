package com.egain.auth.spring.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;

import com.egain.auth.spring.EgainAccessTokens;
import com.egain.auth.spring.FormBody;
import com.egain.auth.spring.TestClients;
import com.egain.auth.spring.autoconfigure.web.client.EgainRestClientAutoConfiguration;
import com.egain.auth.spring.autoconfigure.web.reactive.EgainWebClientAutoConfiguration;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.security.oauth2.client.autoconfigure.reactive.ReactiveOAuth2ClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.endpoint.OAuth2ClientCredentialsGrantRequest;
import org.springframework.security.oauth2.client.endpoint.ReactiveOAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.WebClientReactiveClientCredentialsTokenResponseClient;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.web.server.ServerWebExchange;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A WebFlux application that has an OAuth2 client of its own (Spring Security's
 * client-credentials support for a partner API, with {@code client_secret_basic}) keeps
 * it exactly as it was when the starter is added: Spring Security's own configuration
 * finds no bean of the starter among the beans it resolves by type.
 */
class ApplicationOAuth2ClientCoexistenceTests {

	private static final String PARTNER_SECRET = "partner-secret-value";

	@RegisterExtension
	WireMockExtension partner = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private ReactiveWebApplicationContextRunner runner;

	@BeforeEach
	void setUp() {
		this.partner.stubFor(post(urlPathEqualTo("/partner/token"))
			.willReturn(okJson(TestClients.tokenJson("partner-token", 3600))));
		this.runner = new ReactiveWebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ReactiveOAuth2ClientAutoConfiguration.class,
					WebClientAutoConfiguration.class, EgainAuthAutoConfiguration.class,
					EgainWebClientAutoConfiguration.class, EgainRestClientAutoConfiguration.class))
			.withUserConfiguration(ApplicationSecurity.class)
			.withPropertyValues("spring.security.oauth2.client.registration.partner.client-id=partner-id",
					"spring.security.oauth2.client.registration.partner.client-secret=" + PARTNER_SECRET,
					"spring.security.oauth2.client.registration.partner.authorization-grant-type=client_credentials",
					"spring.security.oauth2.client.registration.partner.client-authentication-method=client_secret_basic",
					"spring.security.oauth2.client.registration.partner.scope=partner.read",
					"spring.security.oauth2.client.provider.partner.token-uri=" + this.partner.baseUrl()
							+ "/partner/token",
					"egain.auth.clients.portal.token-uri=https://ai.egain.cloud" + TestClients.TOKEN_PATH,
					"egain.auth.clients.portal.client-id=" + TestClients.CLIENT_ID,
					"egain.auth.clients.portal.client-secret=" + TestClients.CLIENT_SECRET,
					"egain.auth.clients.portal.scopes=knowledge.portalmgr.manage");
	}

	@Test
	void applicationsOwnClientSecretBasicRegistrationKeepsItsBasicHeader() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(EgainAccessTokens.class);
			OAuth2AuthorizedClient authorized = authorizePartner(context.getBean(ReactiveOAuth2AuthorizedClientManager.class));
			assertThat(authorized.getAccessToken().getTokenValue()).isEqualTo("partner-token");
			String basic = "Basic " + Base64.getEncoder()
				.encodeToString(("partner-id:" + PARTNER_SECRET).getBytes(StandardCharsets.UTF_8));
			assertThat(this.partner.findAll(postRequestedFor(urlPathEqualTo("/partner/token")))).singleElement()
				.satisfies((request) -> {
					assertThat(request.getHeader("Authorization")).isEqualTo(basic);
					assertThat(FormBody.parse(request.getBodyAsString())).doesNotContainKeys("client_id",
							"client_secret");
				});
		});
	}

	@Test
	void applicationWithItsOwnTokenResponseClientBeanStartsAndKeepsUsingIt() {
		this.runner.withUserConfiguration(OwnTokenResponseClient.class).run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(EgainAccessTokens.class);
			authorizePartner(context.getBean(ReactiveOAuth2AuthorizedClientManager.class));
			assertThat(context.getBean(CountingTokenResponseClient.class).calls).hasValue(1);
		});
	}

	@Test
	void noStarterBeanIsOfATypeSpringSecurityResolvesForTheApplicationsOwnClients() {
		this.runner.run((context) -> {
			assertThat(context.getBeanNamesForType(ReactiveOAuth2AccessTokenResponseClient.class)).isEmpty();
			assertThat(context.getBeanNamesForType(
					org.springframework.security.oauth2.client.endpoint.OAuth2AccessTokenResponseClient.class))
				.isEmpty();
			assertThat(context.getBeanNamesForType(ReactiveOAuth2AuthorizedClientManager.class))
				.allMatch((name) -> !name.startsWith("egain"));
		});
	}

	private static OAuth2AuthorizedClient authorizePartner(ReactiveOAuth2AuthorizedClientManager manager) {
		ServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/"));
		return manager
			.authorize(OAuth2AuthorizeRequest.withClientRegistrationId("partner")
				.principal("scheduler")
				.attribute(ServerWebExchange.class.getName(), exchange)
				.build())
			.block();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableWebFluxSecurity
	static class ApplicationSecurity {

		@Bean
		SecurityWebFilterChain applicationSecurity(ServerHttpSecurity http) {
			return http.authorizeExchange((exchanges) -> exchanges.anyExchange().permitAll()).build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnTokenResponseClient {

		@Bean
		ReactiveOAuth2AccessTokenResponseClient<OAuth2ClientCredentialsGrantRequest> partnerTokenResponseClient() {
			return new CountingTokenResponseClient();
		}

	}

	static class CountingTokenResponseClient
			implements ReactiveOAuth2AccessTokenResponseClient<OAuth2ClientCredentialsGrantRequest> {

		final AtomicInteger calls = new AtomicInteger();

		private final WebClientReactiveClientCredentialsTokenResponseClient delegate = new WebClientReactiveClientCredentialsTokenResponseClient();

		@Override
		public Mono<OAuth2AccessTokenResponse> getTokenResponse(OAuth2ClientCredentialsGrantRequest grantRequest) {
			this.calls.incrementAndGet();
			return this.delegate.getTokenResponse(grantRequest);
		}

	}

}
