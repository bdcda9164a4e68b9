package com.egain.auth.spring.autoconfigure;

import com.egain.auth.spring.EgainAccessTokens;
import com.egain.auth.spring.EgainClient;
import com.egain.auth.spring.EgainClientRegistrations;
import com.egain.auth.spring.EgainExchangeFilterFunction;
import com.egain.auth.spring.EgainTokenStore;
import com.egain.auth.spring.EgainWebClients;
import com.egain.auth.spring.autoconfigure.web.reactive.EgainWebClientAutoConfiguration;
import com.egain.auth.spring.token.InMemoryEgainTokenStore;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.security.oauth2.client.autoconfigure.reactive.ReactiveOAuth2ClientAutoConfiguration;
import org.springframework.boot.security.oauth2.client.autoconfigure.reactive.ReactiveOAuth2ClientWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class EgainAuthAutoConfigurationTests {

	static final String[] TWO_CLIENTS = { "egain.auth.clients.portal.token-uri=https://ai.egain.cloud/system/auth/TMPRODB88619984-U/oauth2/token",
			"egain.auth.clients.portal.client-id=portal-id", "egain.auth.clients.portal.client-secret=portal-secret",
			"egain.auth.clients.portal.scopes=knowledge.portalmgr.manage",
			"egain.auth.clients.visitor.type=anonymous-customer", "egain.auth.clients.visitor.client-id=visitor-id",
			"egain.auth.clients.visitor.client-secret=visitor-secret",
			"egain.auth.clients.visitor.scopes=core.aiservices.read, https://api.ai.egain.cloud/auth/core.aiservices.manage" };

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class, EgainAuthAutoConfiguration.class,
				EgainWebClientAutoConfiguration.class));

	@Test
	void clientAppBecomesClientCredentialsRegistrationWithPostAuthentication() {
		this.runner.withPropertyValues(TWO_CLIENTS).run((context) -> {
			ClientRegistration portal = context.getBean(EgainClientRegistrations.class).findByRegistrationId("portal");
			assertThat(portal.getAuthorizationGrantType()).isEqualTo(AuthorizationGrantType.CLIENT_CREDENTIALS);
			assertThat(portal.getClientAuthenticationMethod()).isEqualTo(ClientAuthenticationMethod.CLIENT_SECRET_POST);
			assertThat(portal.getClientId()).isEqualTo("portal-id");
			assertThat(portal.getScopes()).containsExactly("knowledge.portalmgr.manage");
			assertThat(portal.getProviderDetails().getTokenUri())
				.isEqualTo("https://ai.egain.cloud/system/auth/TMPRODB88619984-U/oauth2/token");
		});
	}

	@Test
	void anonymousCustomerGetsPrefixedScopesTheDefaultEndpointAndTheTenantOfTheClientApp() {
		this.runner.withPropertyValues(TWO_CLIENTS).run((context) -> {
			EgainClient visitor = context.getBean(EgainClientRegistrations.class).get("visitor");
			assertThat(visitor.getRegistration().getScopes()).containsExactly(
					"https://api.ai.egain.cloud/auth/core.aiservices.read",
					"https://api.ai.egain.cloud/auth/core.aiservices.manage");
			assertThat(visitor.getRegistration().getProviderDetails().getTokenUri())
				.isEqualTo("https://api.ai.egain.cloud/core/authmgr/v3/oauth2/v2.0/anonymous/token");
			assertThat(visitor.getTenantId()).isEqualTo("TMPRODB88619984");
			assertThat(visitor.getBaseUrl()).hasToString("https://api.ai.egain.cloud");
		});
	}

	@Test
	void globalTenantIdAppliesToAnonymousCustomerWithoutClientApp() {
		this.runner
			.withPropertyValues("egain.auth.tenant-id=TENANT42", "egain.auth.clients.visitor.type=anonymous-customer",
					"egain.auth.clients.visitor.client-id=id", "egain.auth.clients.visitor.client-secret=secret",
					"egain.auth.clients.visitor.scopes=core.aiservices.read")
			.run((context) -> assertThat(context.getBean(EgainClientRegistrations.class).get("visitor").getTenantId())
				.isEqualTo("TENANT42"));
	}

	@Test
	void blankOptionalValuesFromUnsetPlaceholdersMeanUnset() {
		this.runner.withPropertyValues(TWO_CLIENTS)
			.withPropertyValues("egain.auth.tenant-id=", "egain.auth.clients.visitor.tenant-id= ",
					"egain.auth.clients.portal.base-url=")
			.run((context) -> {
				EgainClientRegistrations registrations = context.getBean(EgainClientRegistrations.class);
				assertThat(registrations.get("visitor").getTenantId()).isEqualTo("TMPRODB88619984");
				assertThat(registrations.get("portal").getBaseUrl()).hasToString("https://api.ai.egain.cloud");
			});
	}

	@Test
	void apiBaseUrlMovesTheAnonymousEndpointButNotTheScopePrefix() {
		this.runner.withPropertyValues(TWO_CLIENTS)
			.withPropertyValues("egain.auth.api-base-url=http://localhost:8089/")
			.run((context) -> {
				EgainClient visitor = context.getBean(EgainClientRegistrations.class).get("visitor");
				assertThat(visitor.getRegistration().getProviderDetails().getTokenUri())
					.isEqualTo("http://localhost:8089/core/authmgr/v3/oauth2/v2.0/anonymous/token");
				assertThat(visitor.getRegistration().getScopes())
					.allMatch((scope) -> scope.startsWith("https://api.ai.egain.cloud/auth/"));
			});
	}

	@Test
	void definesNoBeansWhenDisabled() {
		this.runner.withPropertyValues(TWO_CLIENTS).withPropertyValues("egain.auth.enabled=false").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(EgainAuthProperties.class);
			assertThat(context).doesNotHaveBean(EgainClientRegistrations.class);
			assertThat(context).doesNotHaveBean(EgainAccessTokens.class);
			assertThat(context).doesNotHaveBean(EgainWebClients.class);
			assertThat(context).doesNotHaveBean("egainWebClient.portal");
		});
	}

	@Test
	void userDefinedBeansWin() {
		this.runner.withPropertyValues(TWO_CLIENTS).withUserConfiguration(OwnTokenStore.class).run((context) -> {
			assertThat(context).getBean(EgainTokenStore.class).isSameAs(OwnTokenStore.STORE);
			assertThat(context).getBeans(EgainTokenStore.class).hasSize(1);
		});
	}

	@Test
	void eachClientIsAQualifiedWebClient() {
		this.runner.withPropertyValues(TWO_CLIENTS).withUserConfiguration(QualifiedInjection.class).run((context) -> {
			QualifiedInjection injected = context.getBean(QualifiedInjection.class);
			EgainWebClients webClients = context.getBean(EgainWebClients.class);
			assertThat(injected.portal).isSameAs(webClients.get("portal"));
			assertThat(injected.visitor).isSameAs(webClients.get("visitor"));
			assertThat(context).hasSingleBean(EgainExchangeFilterFunction.class);
		});
	}

	@Test
	void appInjectingItsOwnUnqualifiedWebClientStillStarts() {
		this.runner.withPropertyValues(TWO_CLIENTS).withUserConfiguration(OwnWebClient.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(OwnWebClientUser.class).webClient).isSameAs(OwnWebClient.WEB_CLIENT);
		});
	}

	@Test
	void unknownClientNameListsTheKnownNames() {
		this.runner.withPropertyValues(TWO_CLIENTS)
			.run((context) -> assertThatIllegalArgumentException()
				.isThrownBy(() -> context.getBean(EgainWebClients.class).get("portl"))
				.withMessageContaining("'portl'")
				.withMessageContaining("[portal, visitor]"));
	}

	@Test
	void coexistsWithTheApplicationsOwnOAuth2ClientRegistrations() {
		new ReactiveWebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ReactiveOAuth2ClientAutoConfiguration.class,
					WebClientAutoConfiguration.class, EgainAuthAutoConfiguration.class,
					EgainWebClientAutoConfiguration.class))
			.withPropertyValues(TWO_CLIENTS)
			.withPropertyValues("spring.security.oauth2.client.registration.login.client-id=login-id",
					"spring.security.oauth2.client.registration.login.client-secret=login-secret",
					"spring.security.oauth2.client.registration.login.authorization-grant-type=authorization_code",
					"spring.security.oauth2.client.registration.login.redirect-uri=http://localhost/login",
					"spring.security.oauth2.client.provider.login.authorization-uri=https://login.example/authorize",
					"spring.security.oauth2.client.provider.login.token-uri=https://login.example/token")
			.run((context) -> {
				ReactiveClientRegistrationRepository own = context.getBean(ReactiveClientRegistrationRepository.class);
				assertThat(own.findByRegistrationId("login").block()).isNotNull();
				assertThat(own.findByRegistrationId("portal").block()).isNull();
				assertThat(context.getBean(EgainClientRegistrations.class).names()).containsExactly("portal",
						"visitor");
			});
	}

	@Test
	void installsNoSecurityFilterChainInAReactiveWebApp() {
		new ReactiveWebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ReactiveOAuth2ClientAutoConfiguration.class,
					ReactiveOAuth2ClientWebSecurityAutoConfiguration.class, WebClientAutoConfiguration.class,
					EgainAuthAutoConfiguration.class, EgainWebClientAutoConfiguration.class))
			.withPropertyValues(TWO_CLIENTS)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean(ReactiveClientRegistrationRepository.class);
				assertThat(context).doesNotHaveBean(SecurityWebFilterChain.class);
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnTokenStore {

		static final EgainTokenStore STORE = new InMemoryEgainTokenStore();

		@Bean
		EgainTokenStore myStore() {
			return STORE;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class QualifiedInjection {

		final WebClient portal;

		final WebClient visitor;

		QualifiedInjection(@Qualifier("portal") WebClient portal, @Qualifier("visitor") WebClient visitor) {
			this.portal = portal;
			this.visitor = visitor;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnWebClient {

		static final WebClient WEB_CLIENT = WebClient.create("http://localhost:1");

		@Bean
		WebClient myWebClient() {
			return WEB_CLIENT;
		}

		@Bean
		OwnWebClientUser user(WebClient webClient) {
			return new OwnWebClientUser(webClient);
		}

	}

	record OwnWebClientUser(WebClient webClient) {
	}

}
