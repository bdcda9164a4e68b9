package com.egain.auth.spring.autoconfigure;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

import com.egain.auth.spring.EgainAccessTokens;
import com.egain.auth.spring.EgainAuthMetrics;
import com.egain.auth.spring.EgainClient;
import com.egain.auth.spring.EgainClientHttpRequestInterceptor;
import com.egain.auth.spring.EgainClientRegistrations;
import com.egain.auth.spring.EgainExchangeFilterFunction;
import com.egain.auth.spring.EgainRestClients;
import com.egain.auth.spring.EgainTokenRejectionHandler;
import com.egain.auth.spring.EgainTokenStatus;
import com.egain.auth.spring.EgainTokenStore;
import com.egain.auth.spring.EgainWebClients;
import com.egain.auth.spring.TestClients;
import com.egain.auth.spring.autoconfigure.actuate.EgainAuthActuatorAutoConfiguration;
import com.egain.auth.spring.autoconfigure.actuate.EgainAuthHealthAutoConfiguration;
import com.egain.auth.spring.autoconfigure.metrics.EgainAuthMetricsAutoConfiguration;
import com.egain.auth.spring.autoconfigure.redis.EgainRedisTokenStoreAutoConfiguration;
import com.egain.auth.spring.autoconfigure.web.client.EgainRestClientAutoConfiguration;
import com.egain.auth.spring.autoconfigure.web.reactive.EgainWebClientAutoConfiguration;
import com.egain.auth.spring.endpoint.EgainTokenResponseClient;
import com.egain.auth.spring.token.InMemoryEgainTokenStore;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Mono;

import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.CompositeReactiveHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientHttpServiceGroupConfigurer;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.support.WebClientHttpServiceGroupConfigurer;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every bean of the starter gives way to the application's own: each named bean is
 * replaced in turn, and the application's bean is the one in the context, the only one of
 * its type where the starter's condition is on the type. An application's own
 * {@link EgainAccessTokens}, which implements only the interface's abstract methods,
 * serves the starter's pre-authorized clients.
 */
class EgainAuthBeanReplacementTests {

	@RegisterExtension
	static WireMockExtension api = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private static final String[] ONE_CLIENT = {
			"egain.auth.clients.portal.token-uri=https://ai.egain.cloud/system/auth/TMPRODB88619984-U/oauth2/token",
			"egain.auth.clients.portal.client-id=portal-id", "egain.auth.clients.portal.client-secret=portal-secret",
			"egain.auth.clients.portal.scopes=knowledge.portalmgr.manage" };

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class, RestClientAutoConfiguration.class,
				EgainAuthMetricsAutoConfiguration.class,
				EgainRedisTokenStoreAutoConfiguration.class, EgainAuthAutoConfiguration.class,
				EgainWebClientAutoConfiguration.class, EgainRestClientAutoConfiguration.class,
				EgainAuthHealthAutoConfiguration.class, EgainAuthActuatorAutoConfiguration.class))
		.withBean(SimpleMeterRegistry.class)
		.withPropertyValues(ONE_CLIENT);

	static Stream<Arguments> replaceableBeans() {
		return Stream.of(replaced("egainClientRegistrations", EgainClientRegistrations.class,
				() -> new EgainClientRegistrations(List.of(TestClients.clientApp("portal", "https://api.example.com")))),
				replaced("egainTokenStore", EgainTokenStore.class, InMemoryEgainTokenStore::new),
				replaced("egainTokenResponseClient", EgainTokenResponseClient.class,
						() -> EgainTokenResponseClient.builder()
							.connectTimeout(Duration.ofSeconds(1))
							.responseTimeout(Duration.ofSeconds(1))
							.build()),
				replaced("egainAccessTokens", EgainAccessTokens.class, () -> new FixedTokens("own-token")),
				replaced("egainTokenRejectionHandler", EgainTokenRejectionHandler.class,
						() -> (clientName, rejected, canResend) -> Mono.empty()),
				replaced("egainAuthMetrics", EgainAuthMetrics.class, () -> new EgainAuthMetrics() {
				}), replaced("egainExchangeFilterFunction", EgainExchangeFilterFunction.class,
						() -> new EgainExchangeFilterFunction(registrations(), new FixedTokens("own-token"))),
				replaced("egainWebClients", EgainWebClients.class,
						() -> new EgainWebClients(registrations(),
								new EgainExchangeFilterFunction(registrations(), new FixedTokens("own-token")),
								WebClient::builder)),
				replaced("egainClientHttpRequestInterceptor", EgainClientHttpRequestInterceptor.class,
						() -> new EgainClientHttpRequestInterceptor(registrations(), new FixedTokens("own-token"))),
				replaced("egainRestClients", EgainRestClients.class,
						() -> new EgainRestClients(registrations(),
								new EgainClientHttpRequestInterceptor(registrations(), new FixedTokens("own-token")),
								RestClient::builder)),
				replacedByName("egainWebClientHttpServiceGroupConfigurer", WebClientHttpServiceGroupConfigurer.class,
						() -> (groups) -> {
						}),
				replacedByName("egainWebClientHttpServiceGroupRedirectsConfigurer",
						WebClientHttpServiceGroupConfigurer.class, () -> (groups) -> {
						}),
				replacedByName("egainRestClientHttpServiceGroupConfigurer", RestClientHttpServiceGroupConfigurer.class,
						() -> (groups) -> {
						}),
				replacedByName("egainRestClientHttpServiceGroupRedirectsConfigurer",
						RestClientHttpServiceGroupConfigurer.class, () -> (groups) -> {
						}),
				replacedByName("egainTokenExpiryMeterBinder", MeterBinder.class, () -> (registry) -> {
				}), replacedByName("egainClientSecretSanitizingFunction", SanitizingFunction.class,
						() -> (data) -> data),
				replacedByName("egainAuthHealthContributor", CompositeReactiveHealthContributor.class,
						() -> CompositeReactiveHealthContributor
							.fromMap(Map.<String, ReactiveHealthIndicator>of("own", () -> Mono.just(Health.up().build())))),
				replacedByName("egainWebClient.portal", WebClient.class, WebClient::create),
				replacedByName("egainRestClient.portal", RestClient.class, RestClient::create));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("replaceableBeans")
	<T> void applicationBeanReplacesTheStartersBean(String beanName, Class<T> type, Supplier<T> own,
			boolean onlyOneOfItsType) {
		T bean = own.get();
		this.runner.withBean(beanName, type, () -> bean).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(beanName)).isSameAs(bean);
			if (onlyOneOfItsType) {
				assertThat(context.getBeansOfType(type)).containsOnlyKeys(beanName);
			}
		});
	}

	@Test
	void applicationTokenStoreIsKeptWhenRedisIsChosenWithoutSpringDataRedis() {
		EgainTokenStore own = new InMemoryEgainTokenStore();
		this.runner.withClassLoader(new FilteredClassLoader("org.springframework.data.redis"))
			.withPropertyValues("egain.auth.token-store.type=redis")
			.withBean("myTokenStore", EgainTokenStore.class, () -> own)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBeansOfType(EgainTokenStore.class)).containsOnly(Map.entry("myTokenStore", own));
			});
	}

	@Test
	void applicationTokenStoreIsKeptWhenRedisIsChosen() {
		EgainTokenStore own = new InMemoryEgainTokenStore();
		this.runner.withPropertyValues("egain.auth.token-store.type=redis")
			.withBean("myTokenStore", EgainTokenStore.class, () -> own)
			.run((context) -> assertThat(context.getBeansOfType(EgainTokenStore.class))
				.containsOnly(Map.entry("myTokenStore", own)));
	}

	@Test
	void disabledStarterDefinesNoHealthContributorBesideTheApplicationsOwnAccessTokens() {
		this.runner.withPropertyValues("egain.auth.enabled=false")
			.withBean(EgainAccessTokens.class, () -> new FixedTokens("own-token"))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean("egainAuthHealthContributor");
				assertThat(context).doesNotHaveBean(EgainClientRegistrations.class);
				assertThat(context).hasSingleBean(SanitizingFunction.class);
			});
	}

	@Test
	void applicationAccessTokensServeTheStartersWebClientRestClientHealthAndMetrics() {
		api.stubFor(get(urlPathEqualTo("/articles")).willReturn(ok("articles")));
		this.runner.withPropertyValues("egain.auth.clients.portal.base-url=" + api.baseUrl())
			.withBean(EgainAccessTokens.class, () -> new FixedTokens("own-token"))
			.run((context) -> {
				WebClient webClient = context.getBean(EgainWebClients.class).get("portal");
				RestClient restClient = context.getBean(EgainRestClients.class).get("portal");
				assertThat(webClient.get().uri("/articles").retrieve().bodyToMono(String.class).block())
					.isEqualTo("articles");
				assertThat(restClient.get().uri("/articles").retrieve().body(String.class)).isEqualTo("articles");
				api.verify(2, getRequestedFor(urlPathEqualTo("/articles")).withHeader("Authorization",
						equalTo("Bearer own-token")));
				Health health = context.getBean("egainAuthHealthContributor", CompositeReactiveHealthContributor.class)
					.getContributor("portal") instanceof ReactiveHealthIndicator indicator
							? indicator.health().block() : null;
				assertThat(health).isNotNull();
				assertThat(health.getStatus().getCode()).isEqualTo("UP");
				MeterRegistry meters = context.getBean(MeterRegistry.class);
				context.getBean("egainTokenExpiryMeterBinder", MeterBinder.class).bindTo(meters);
				assertThat(meters.get("egain.auth.token.expiry").gauge().value()).isGreaterThan(3500);
			});
	}

	private static <T> Arguments replaced(String beanName, Class<T> type, Supplier<? extends T> own) {
		return Arguments.of(beanName, type, own, true);
	}

	private static <T> Arguments replacedByName(String beanName, Class<T> type, Supplier<? extends T> own) {
		return Arguments.of(beanName, type, own, false);
	}

	private static EgainClientRegistrations registrations() {
		return new EgainClientRegistrations(List.of(TestClients.clientApp("portal", "https://api.example.com")));
	}

	/**
	 * An application's own tokens: only the abstract methods of the interface.
	 */
	static final class FixedTokens implements EgainAccessTokens {

		private final OAuth2AccessToken token;

		FixedTokens(String value) {
			Instant now = Instant.now();
			this.token = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, value, now, now.plusSeconds(3600));
		}

		@Override
		public Mono<OAuth2AccessToken> get(String clientName) {
			return Mono.just(this.token);
		}

		@Override
		public Mono<Void> invalidate(String clientName, OAuth2AccessToken rejected) {
			return Mono.empty();
		}

		@Override
		public @Nullable OAuth2AccessToken peek(String clientName) {
			return this.token;
		}

		@Override
		public EgainTokenStatus status(String clientName) {
			return new EgainTokenStatus(this.token.getExpiresAt(), null);
		}

	}

}
