package com.egain.auth.spring.autoconfigure;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.egain.auth.spring.EgainAccessTokens;
import com.egain.auth.spring.EgainClientRegistrations;
import com.egain.auth.spring.EgainWebClients;
import com.egain.auth.spring.MutableClock;
import com.egain.auth.spring.TestCertificateAuthority;
import com.egain.auth.spring.TestClients;
import com.egain.auth.spring.autoconfigure.actuate.EgainAuthActuatorAutoConfiguration;
import com.egain.auth.spring.autoconfigure.actuate.EgainAuthHealthAutoConfiguration;
import com.egain.auth.spring.autoconfigure.metrics.EgainAuthMetricsAutoConfiguration;
import com.egain.auth.spring.metrics.MicrometerEgainAuthMetrics;
import com.egain.auth.spring.autoconfigure.web.reactive.EgainWebClientAutoConfiguration;
import com.egain.auth.spring.token.DefaultEgainAccessTokens;
import com.egain.auth.spring.token.InMemoryEgainTokenStore;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.health.contributor.CompositeReactiveHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.boot.webclient.autoconfigure.WebClientObservationAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.client.endpoint.OAuth2ClientCredentialsGrantRequest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.unauthorized;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

/**
 * Metrics, observations and health of the token lifecycle.
 */
class EgainAuthObservabilityTests {

	@RegisterExtension
	WireMockExtension egain = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private ApplicationContextRunner runner;

	private String[] properties;

	@BeforeEach
	void setUp() {
		String server = this.egain.baseUrl();
		this.properties = new String[] { "egain.auth.api-base-url=" + server,
				"egain.auth.clients.portal.token-uri=" + server + TestClients.TOKEN_PATH,
				"egain.auth.clients.portal.client-id=" + TestClients.CLIENT_ID,
				"egain.auth.clients.portal.client-secret=" + TestClients.CLIENT_SECRET,
				"egain.auth.clients.portal.scopes=knowledge.portalmgr.manage",
				"egain.auth.token-endpoint.response-timeout=5s", "egain.auth.token-endpoint.backoff=10ms" };
		this.runner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
					SimpleMetricsExportAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
					ObservationAutoConfiguration.class, WebClientAutoConfiguration.class,
					WebClientObservationAutoConfiguration.class, EgainAuthMetricsAutoConfiguration.class,
					EgainAuthAutoConfiguration.class, EgainWebClientAutoConfiguration.class,
					EgainAuthHealthAutoConfiguration.class))
			.withPropertyValues(this.properties);
		this.egain.stubFor(get(urlPathEqualTo("/api")).willReturn(ok("data")));
	}

	@Test
	void successfulTokenRequestIsTimedAndLaterCallsAreCacheHits() {
		stubToken(okJson(TestClients.tokenJson("t1", 3600)));
		this.runner.run((context) -> {
			EgainWebClients webClients = context.getBean(EgainWebClients.class);
			for (int i = 0; i < 3; i++) {
				webClients.get("portal").get().uri("/api").retrieve().toBodilessEntity().block();
			}
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			assertThat(meters.get("egain.auth.token.request").tag("client", "portal").tag("outcome", "success")
				.timer()
				.count()).isEqualTo(1);
			assertThat(meters.get("egain.auth.token.cache").tags("client", "portal", "result", "miss").counter()
				.count()).isEqualTo(1);
			assertThat(meters.get("egain.auth.token.cache").tags("client", "portal", "result", "hit").counter()
				.count()).isEqualTo(2);
			assertThat(meters.get("egain.auth.token.expiry").tag("client", "portal").gauge().value())
				.isBetween(3590.0, 3600.0);
		});
	}

	@Test
	void oauth2ErrorIsTheOutcomeOfTheTimedRequest() {
		stubToken(aResponse().withStatus(401)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\":\"invalid_client\"}"));
		this.runner.run((context) -> {
			assertThatException().isThrownBy(() -> context.getBean(EgainAccessTokens.class).get("portal").block());
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			assertThat(meters.get("egain.auth.token.request").tags("client", "portal", "outcome", "invalid_client")
				.timer()
				.count()).isEqualTo(1);
			assertThat(meters.get("egain.auth.token.expiry").tag("client", "portal").gauge().value()).isZero();
		});
	}

	@Test
	void timeoutIsTheOutcomeOfTheTimedRequest() {
		stubToken(okJson(TestClients.tokenJson("t1", 3600)).withFixedDelay(2000));
		// Only here a short time limit: the first token request of a fresh JVM may take longer than 300 ms.
		this.runner.withPropertyValues("egain.auth.token-endpoint.response-timeout=300ms").run((context) -> {
			assertThatException().isThrownBy(() -> context.getBean(EgainAccessTokens.class).get("portal").block());
			assertThat(context.getBean(MeterRegistry.class)
				.get("egain.auth.token.request")
				.tags("client", "portal", "outcome", "timeout")
				.timer()
				.count()).isEqualTo(1);
		});
	}

	@Test
	void retryAfter401IsCounted() {
		stubTokens("t1", "t2");
		this.egain.stubFor(get(urlPathEqualTo("/api")).withHeader("Authorization", equalTo("Bearer t1"))
			.willReturn(unauthorized()));
		// Not a test of time limits: room for a cold HTTP client on a loaded machine.
		this.runner.withPropertyValues("egain.auth.token-endpoint.response-timeout=5s").run((context) -> {
			context.getBean(EgainWebClients.class)
				.get("portal")
				.get()
				.uri("/api")
				.retrieve()
				.toBodilessEntity()
				.block();
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			assertThat(meters.get("egain.auth.request.retry").tag("client", "portal").counter().count()).isEqualTo(1);
			assertThat(meters.get("egain.auth.token.request").tags("outcome", "success").timer().count()).isEqualTo(2);
		});
	}

	@Test
	void requestToAForeignOriginIsCountedAsSentWithoutToken() {
		this.runner.run((context) -> {
			HttpStatus status = (HttpStatus) context.getBean(EgainWebClients.class)
				.get("portal")
				.get()
				.uri("http://127.0.0.1:" + this.egain.getPort() + "/api")
				.retrieve()
				.toBodilessEntity()
				.block()
				.getStatusCode();
			assertThat(status).isEqualTo(HttpStatus.OK);
			assertThat(context.getBean(MeterRegistry.class)
				.get("egain.auth.request.without.token")
				.tags("client", "portal", "reason", "origin")
				.counter()
				.count()).isEqualTo(1);
		});
	}

	@Test
	void backgroundRefreshIsCountedAndTimedAsARootObservation() {
		stubTokens("t1", "t2");
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		TestObservationRegistry observations = TestObservationRegistry.create();
		observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
		MutableClock clock = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));
		EgainAccessTokens tokens = new DefaultEgainAccessTokens(
				new EgainClientRegistrations(List.of(TestClients.clientApp("portal", this.egain.baseUrl()))),
				TestClients.responseClient(Duration.ofSeconds(5)), new InMemoryEgainTokenStore(),
				Duration.ofSeconds(60), clock, clock::nanoTime, new MicrometerEgainAuthMetrics(meters), observations);
		tokens.get("portal").block();
		clock.advance(Duration.ofSeconds(3550));
		tokens.get("portal").block();
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(meters.get("egain.auth.token.refresh")
				.tags("client", "portal", "outcome", "success")
				.counter()
				.count()).isEqualTo(1));
		assertThat(meters.get("egain.auth.token.request").tags("outcome", "success").timer().count()).isEqualTo(2);
		assertThat(observations).hasNumberOfObservationsWithNameEqualTo("egain.auth.token.request", 2);
		assertThat(observations).hasObservationWithNameEqualTo("egain.auth.token.request")
			.that()
			.doesNotHaveParentObservation()
			.hasLowCardinalityKeyValue("client", "portal");
	}

	@Test
	void tokenRequestIsASpanUnderTheHttpRequestThatNeededIt() {
		stubToken(okJson(TestClients.tokenJson("t1", 3600)));
		this.runner.withUserConfiguration(TestObservations.class).run((context) -> {
			context.getBean(EgainWebClients.class).get("portal").get().uri("/api").retrieve().toBodilessEntity().block();
			TestObservationRegistry observations = context.getBean(TestObservationRegistry.class);
			assertThat(observations).hasObservationWithNameEqualTo("egain.auth.token.request")
				.that()
				.hasBeenStopped()
				.hasLowCardinalityKeyValue("outcome", "success")
				.hasParentObservationContextMatching((parent) -> "http.client.requests".equals(parent.getName()));
		});
	}

	@Test
	void healthIsUnknownThenUpThenDownWithoutEverRequestingATokenItself() {
		stubTokenScenario();
		this.runner.run((context) -> {
			CompositeReactiveHealthContributor health = context.getBean("egainAuthHealthContributor",
					CompositeReactiveHealthContributor.class);
			ReactiveHealthIndicator portal = (ReactiveHealthIndicator) health.getContributor("portal");
			for (int i = 0; i < 100; i++) {
				assertThat(portal.health().block().getStatus()).isEqualTo(Status.UNKNOWN);
			}
			assertThat(tokenRequests()).isZero();
			EgainAccessTokens tokens = context.getBean(EgainAccessTokens.class);
			tokens.get("portal").block();
			Health up = portal.health().block();
			assertThat(up.getStatus()).isEqualTo(Status.UP);
			assertThat(up.getDetails()).containsKey("expiresAt");
			tokens.invalidate("portal", tokens.peek("portal")).block();
			assertThatException().isThrownBy(() -> tokens.get("portal").block());
			for (int i = 0; i < 100; i++) {
				Health down = portal.health().block();
				assertThat(down.getStatus()).isEqualTo(Status.DOWN);
				assertThat(down.getDetails()).containsEntry("error", "invalid_client");
			}
			assertThat(tokenRequests()).isEqualTo(2);
		});
	}

	@Test
	void healthNamesTheProxyAndTheSslBundleButNoCredentials() {
		this.runner.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class))
			.withPropertyValues(
					"spring.ssl.bundle.pem.corp.truststore.certificate=file:"
							+ TestCertificateAuthority.get().caCertificate(),
					"egain.auth.ssl-bundle=corp", "egain.auth.proxy.host=proxy.corp.example.com",
					"egain.auth.proxy.port=3128", "egain.auth.proxy.username=corp-user",
					"egain.auth.proxy.password=Pr0xyPa55-not-for-health")
			.run((context) -> {
				ReactiveHealthIndicator portal = (ReactiveHealthIndicator) context
					.getBean("egainAuthHealthContributor", CompositeReactiveHealthContributor.class)
					.getContributor("portal");
				Health health = portal.health().block();
				assertThat(health.getDetails()).containsEntry("proxy", "proxy.corp.example.com:3128")
					.containsEntry("sslBundle", "corp");
				assertThat(health.toString()).doesNotContain("Pr0xyPa55-not-for-health").doesNotContain("corp-user");
			});
	}

	@Test
	void healthContributorCanBeSwitchedOff() {
		this.runner.withPropertyValues("management.health.egainAuth.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean("egainAuthHealthContributor"));
	}

	@Test
	void activeHealthCheckRequestsATokenWhenNoneIsHeld() {
		stubToken(okJson(TestClients.tokenJson("t1", 3600)));
		this.runner.withPropertyValues("egain.auth.health.active-check=true").run((context) -> {
			ReactiveHealthIndicator portal = (ReactiveHealthIndicator) context
				.getBean("egainAuthHealthContributor", CompositeReactiveHealthContributor.class)
				.getContributor("portal");
			for (int i = 0; i < 100; i++) {
				assertThat(portal.health().block().getStatus()).isEqualTo(Status.UP);
			}
			assertThat(tokenRequests()).isEqualTo(1);
		});
	}

	@Test
	void startsAndWorksWithoutMicrometerAndActuator() {
		stubToken(okJson(TestClients.tokenJson("t1", 3600)));
		// An application without Micrometer or Actuator has none of Boot's metrics
		// auto-configurations either; only the starter's are left to react to the classpath.
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class,
					EgainAuthMetricsAutoConfiguration.class, EgainAuthAutoConfiguration.class,
					EgainWebClientAutoConfiguration.class, EgainAuthHealthAutoConfiguration.class,
					EgainAuthActuatorAutoConfiguration.class))
			.withPropertyValues(this.properties)
			.withClassLoader(new FilteredClassLoader(MeterRegistry.class, ReactiveHealthIndicator.class,
					org.springframework.boot.actuate.endpoint.SanitizingFunction.class))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean("egainAuthMetrics");
				assertThat(context).doesNotHaveBean("egainAuthHealthContributor");
				context.getBean(EgainWebClients.class).get("portal").get().uri("/api").retrieve().toBodilessEntity()
					.block();
				assertThat(tokenRequests()).isEqualTo(1);
			});
	}

	private void stubToken(com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder response) {
		this.egain.stubFor(post(urlPathEqualTo(TestClients.TOKEN_PATH)).willReturn(response));
	}

	private void stubTokens(String first, String second) {
		this.egain.stubFor(post(urlPathEqualTo(TestClients.TOKEN_PATH)).inScenario("tokens")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(okJson(TestClients.tokenJson(first, 3600)))
			.willSetStateTo("second"));
		this.egain.stubFor(post(urlPathEqualTo(TestClients.TOKEN_PATH)).inScenario("tokens")
			.whenScenarioStateIs("second")
			.willReturn(okJson(TestClients.tokenJson(second, 3600))));
	}

	private void stubTokenScenario() {
		this.egain.stubFor(post(urlPathEqualTo(TestClients.TOKEN_PATH)).inScenario("tokens")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(okJson(TestClients.tokenJson("t1", 3600)))
			.willSetStateTo("revoked"));
		this.egain.stubFor(post(urlPathEqualTo(TestClients.TOKEN_PATH)).inScenario("tokens")
			.whenScenarioStateIs("revoked")
			.willReturn(aResponse().withStatus(401)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"error\":\"invalid_client\"}")));
	}

	private int tokenRequests() {
		return this.egain.findAll(postRequestedFor(urlPathEqualTo(TestClients.TOKEN_PATH))).size();
	}

	@Configuration(proxyBeanMethods = false)
	static class TestObservations {

		@Bean
		TestObservationRegistry observationRegistry() {
			return TestObservationRegistry.create();
		}

	}

}
