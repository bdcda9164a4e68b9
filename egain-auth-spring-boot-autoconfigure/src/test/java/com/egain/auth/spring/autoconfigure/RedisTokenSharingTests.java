package com.egain.auth.spring.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.egain.auth.spring.EgainRestClients;
import com.egain.auth.spring.EgainWebClients;
import com.egain.auth.spring.FleetEgain;
import com.egain.auth.spring.LogCapture;
import com.egain.auth.spring.RedisServer;
import com.egain.auth.spring.TestClients;
import com.egain.auth.spring.autoconfigure.actuate.EgainAuthHealthAutoConfiguration;
import com.egain.auth.spring.autoconfigure.metrics.EgainAuthMetricsAutoConfiguration;
import com.egain.auth.spring.metrics.MicrometerEgainAuthMetrics;
import com.egain.auth.spring.autoconfigure.redis.EgainRedisTokenStoreAutoConfiguration;
import com.egain.auth.spring.autoconfigure.web.client.EgainRestClientAutoConfiguration;
import com.egain.auth.spring.autoconfigure.web.reactive.EgainWebClientAutoConfiguration;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration;
import org.springframework.boot.health.contributor.CompositeReactiveHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.http.client.autoconfigure.service.HttpServiceClientPropertiesAutoConfiguration;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.service.HttpServiceClientAutoConfiguration;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.registry.ImportHttpServices;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Several instances of one application, each its own application context with
 * {@code egain.auth.token-store.type=redis}, sharing tokens through a real Redis: one
 * token request per client for the whole fleet, on a cold burst and across refresh
 * cycles, through WebClients, RestClients and HTTP service groups alike; and Redis
 * killed while they work.
 */
class RedisTokenSharingTests {

	@RegisterExtension
	static final RedisServer redis = new RedisServer();

	private FleetEgain egain;

	private final List<ConfigurableApplicationContext> instances = new ArrayList<>();

	private final ExecutorService blockingCallers = Executors.newFixedThreadPool(200);

	private final Scheduler callers = Schedulers.fromExecutorService(this.blockingCallers);

	// The instances leave the test's logging as it is, so that LogCapture sees their lines.
	@BeforeAll
	static void keepLogging() {
		System.setProperty(LoggingSystem.SYSTEM_PROPERTY, LoggingSystem.NONE);
	}

	@AfterAll
	static void restoreLogging() {
		System.clearProperty(LoggingSystem.SYSTEM_PROPERTY);
	}

	@BeforeEach
	void startEgain() throws Exception {
		this.egain = new FleetEgain();
	}

	@AfterEach
	void stop() {
		this.instances.forEach(ConfigurableApplicationContext::close);
		this.blockingCallers.shutdownNow();
		this.egain.close();
	}

	@Test
	void coldBurstOfFourInstancesTimesOneHundredCallsMakesOneTokenRequest() {
		this.egain.setLatencyMillis(200);
		List<Caller> fleet = List.of(start(Kind.WEB_CLIENT), start(Kind.REST_CLIENT), start(Kind.HTTP_SERVICE),
				start(Kind.WEB_CLIENT));
		long started = System.nanoTime();
		List<Boolean> results = Flux.fromIterable(fleet)
			.flatMap((caller) -> Flux.range(0, 100).flatMap((i) -> caller.call(), 100))
			.collectList()
			.block(Duration.ofSeconds(30));
		long tookMillis = (System.nanoTime() - started) / 1_000_000;
		assertThat(results).hasSize(400).containsOnly(true);
		assertThat(this.egain.tokenRequests()).isOne();
		assertThat(this.egain.seenTokens()).hasSize(1);
		assertThat(this.egain.rejectedCalls()).isZero();
		System.out.println("Cold burst, 4 instances x 100 calls on Redis: " + this.egain.tokenRequests()
				+ " token request(s), " + this.egain.seenTokens().size() + " token(s) seen by the API, " + tookMillis
				+ " ms");
		assertRedisHoldsNeitherTokenNorSecret();
	}

	@Test
	void fourteenSecondsOfTrafficWithEightSecondTokensMakeAboutOneTokenRequestPerRefreshCycle() {
		this.egain.setLifetimeSeconds(8);
		List<Caller> fleet = List.of(start(Kind.WEB_CLIENT), start(Kind.REST_CLIENT), start(Kind.HTTP_SERVICE),
				start(Kind.WEB_CLIENT));
		Outcome outcome = traffic(fleet, Duration.ofSeconds(14));
		assertThat(outcome.failed).hasValue(0);
		assertThat(outcome.succeeded.get()).isGreaterThan(400);
		assertThat(this.egain.rejectedCalls()).isZero();
		// Refreshed at half the lifetime: tokens at 0, 4, 8 and 12 s. Without sharing,
		// each of the 4 instances makes its own: 16.
		assertThat(this.egain.tokenRequests()).isBetween(3, 5);
		System.out.println("14 s of traffic, 8 s tokens, 4 instances on Redis: " + this.egain.tokenRequests()
				+ " token requests, " + outcome.succeeded + " calls, " + outcome.failed + " failed");
		assertRedisHoldsNeitherTokenNorSecret();
	}

	@Test
	void redisKilledMidTrafficFailsNoCallAndSharingResumesWhenItIsBack() throws Exception {
		this.egain.setLifetimeSeconds(4);
		try (LogCapture logs = new LogCapture()) {
			List<Caller> fleet = List.of(start(Kind.WEB_CLIENT), start(Kind.REST_CLIENT));
			Mono<Outcome> traffic = Mono.fromCallable(() -> traffic(fleet, Duration.ofSeconds(5)))
				.subscribeOn(Schedulers.boundedElastic())
				.cache();
			traffic.subscribe();
			Thread.sleep(500);
			redis.kill();
			// The tokens are refreshed at 2 s, without Redis.
			Thread.sleep(2_000);
			Caller newcomer = start(Kind.REST_CLIENT);
			long started = System.nanoTime();
			assertThat(newcomer.call().block()).isTrue();
			assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(2_000);
			Health health = newcomer.health();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails().get("tokenStore")).asInstanceOf(
					org.assertj.core.api.InstanceOfAssertFactories.MAP)
				.containsEntry("status", "unavailable: each instance requests its own tokens");
			assertThat(newcomer.meterRegistry().counter(MicrometerEgainAuthMetrics.STORE_UNAVAILABLE).count())
				.isEqualTo(1.0);
			Outcome outcome = traffic.block(Duration.ofSeconds(30));
			assertThat(outcome.failed).hasValue(0);
			assertThat(this.egain.rejectedCalls()).isZero();
			long warnings = logs.text()
				.lines()
				.filter((line) -> line.startsWith("WARN") && line.contains("Redis does not answer"))
				.count();
			// At most one WARN line per instance for the outage.
			assertThat(warnings).isBetween(1L, 3L);
			assertThat(logs.text()).doesNotContain(TestClients.CLIENT_SECRET).doesNotContain("fleet-token-");
			int duringOutage = this.egain.tokenRequests();

			redis.start();
			Caller first = start(Kind.WEB_CLIENT);
			Caller second = start(Kind.HTTP_SERVICE);
			started = System.nanoTime();
			assertThat(first.call().block()).isTrue();
			assertThat(second.call().block()).isTrue();
			assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(2_000);
			assertThat(this.egain.tokenRequests()).isEqualTo(duringOutage + 1);
			assertThat(second.health().getDetails().get("tokenStore"))
				.asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
				.containsEntry("status", "shared");
			System.out.println("Redis killed mid-traffic: " + outcome.succeeded + " calls, " + outcome.failed
					+ " failed, " + duringOutage + " token requests until Redis was back (" + warnings
					+ " WARN lines), then 1 for 2 new instances");
			assertRedisHoldsNeitherTokenNorSecret();
		}
	}

	@Test
	void anInstanceWhoseTokenRequestHangsDelaysAnotherOneByTheLongestWaitOnly() {
		WireMockServer egain = new WireMockServer(wireMockConfig().dynamicPort().jettyStopTimeout(100L));
		egain.start();
		try {
			// The first token request (instance A's) hangs for 40 s; the others are answered.
			egain.stubFor(post(urlPathEqualTo(TestClients.TOKEN_PATH)).inScenario("egress")
				.whenScenarioStateIs(Scenario.STARTED)
				.willReturn(okJson(TestClients.tokenJson("hung", 3600)).withFixedDelay(40_000))
				.willSetStateTo("answered"));
			egain.stubFor(post(urlPathEqualTo(TestClients.TOKEN_PATH)).inScenario("egress")
				.whenScenarioStateIs("answered")
				.willReturn(okJson(TestClients.tokenJson("answered", 3600))));
			egain.stubFor(get(urlPathEqualTo("/api")).willReturn(ok("data")));
			String[] settings = { "egain.auth.api-base-url=" + egain.baseUrl(),
					"egain.auth.clients.portal.token-uri=" + egain.baseUrl() + TestClients.TOKEN_PATH,
					"egain.auth.token-endpoint.response-timeout=30s", "egain.auth.token-store.redis.timeout=2s" };
			Caller a = start(Kind.WEB_CLIENT, "redis", settings);
			Caller b = start(Kind.REST_CLIENT, "redis", settings);
			a.call().subscribe();
			// A holds the fleet lock while its token request hangs.
			await().atMost(Duration.ofSeconds(10))
				.until(() -> egain.findAll(postRequestedFor(urlPathEqualTo(TestClients.TOKEN_PATH))).size() == 1);
			assertThat(redis.contents().keySet()).singleElement().asString().startsWith("egain:auth:lock:");
			long started = System.nanoTime();
			assertThat(b.call().block(Duration.ofSeconds(60))).isTrue();
			long tookMillis = (System.nanoTime() - started) / 1_000_000;
			System.out.println("Instance A's token request hangs for 40 s: instance B got its answer in " + tookMillis
					+ " ms");
			assertThat(tookMillis).isLessThan(8_000);
		}
		finally {
			egain.stop();
		}
	}

	/**
	 * The same two scenarios without sharing, for the README's comparison: run with
	 * {@code -Degain.fleet.baseline=true}.
	 */
	@Test
	@EnabledIfSystemProperty(named = "egain.fleet.baseline", matches = "true")
	void baselineWithoutSharingEachInstanceRequestsItsOwnTokens() {
		this.egain.setLatencyMillis(200);
		List<Caller> fleet = List.of(start(Kind.WEB_CLIENT, "in-memory"), start(Kind.REST_CLIENT, "in-memory"),
				start(Kind.HTTP_SERVICE, "in-memory"), start(Kind.WEB_CLIENT, "in-memory"));
		List<Boolean> results = Flux.fromIterable(fleet)
			.flatMap((caller) -> Flux.range(0, 100).flatMap((i) -> caller.call(), 100))
			.collectList()
			.block(Duration.ofSeconds(30));
		assertThat(results).hasSize(400).containsOnly(true);
		int burst = this.egain.tokenRequests();
		assertThat(burst).isEqualTo(4);
		this.instances.forEach(ConfigurableApplicationContext::close);
		this.instances.clear();
		this.egain.setLatencyMillis(100);
		this.egain.setLifetimeSeconds(8);
		fleet = List.of(start(Kind.WEB_CLIENT, "in-memory"), start(Kind.REST_CLIENT, "in-memory"),
				start(Kind.HTTP_SERVICE, "in-memory"), start(Kind.WEB_CLIENT, "in-memory"));
		Outcome outcome = traffic(fleet, Duration.ofSeconds(14));
		int cycles = this.egain.tokenRequests() - burst;
		System.out.println("Without sharing (in-memory): cold burst 4 x 100 -> " + burst
				+ " token requests; 14 s of traffic, 8 s tokens, 4 instances -> " + cycles + " token requests, "
				+ outcome.succeeded + " calls, " + outcome.failed + " failed");
		assertThat(cycles).isGreaterThanOrEqualTo(12);
	}

	private void assertRedisHoldsNeitherTokenNorSecret() {
		Map<String, String> contents = redis.contents();
		assertThat(contents).isNotEmpty();
		for (Map.Entry<String, String> entry : contents.entrySet()) {
			for (String token : this.egain.issuedTokens()) {
				assertThat(entry.getKey()).doesNotContain(token);
				assertThat(entry.getValue()).doesNotContain(token);
			}
			assertThat(entry.getKey() + entry.getValue()).doesNotContain(TestClients.CLIENT_SECRET)
				.doesNotContain(TestClients.CLIENT_ID)
				.doesNotContain("fleet-token-")
				.doesNotContain("portal");
		}
	}

	private Outcome traffic(List<Caller> fleet, Duration duration) {
		Outcome outcome = new Outcome();
		Flux.fromIterable(fleet)
			.flatMap((caller) -> Flux.interval(Duration.ZERO, Duration.ofMillis(25))
				.onBackpressureDrop()
				.concatMap((tick) -> caller.call(), 1)
				.take(duration))
			.doOnNext((ok) -> (ok ? outcome.succeeded : outcome.failed).incrementAndGet())
			.blockLast(duration.plusSeconds(30));
		return outcome;
	}

	private Caller start(Kind kind) {
		return start(kind, "redis");
	}

	private Caller start(Kind kind, String storeType, String... settings) {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(Instance.class)
			.web(WebApplicationType.NONE)
			.properties("spring.main.banner-mode=off", "spring.data.redis.host=" + redis.host(),
					"spring.data.redis.port=" + redis.port(), "egain.auth.token-store.type=" + storeType,
					"egain.auth.token-store.redis.timeout=300ms", "egain.auth.api-base-url=" + this.egain.baseUrl(),
					"egain.auth.token-endpoint.connect-timeout=1s", "egain.auth.token-endpoint.response-timeout=2s",
					"egain.auth.clients.portal.token-uri=" + this.egain.baseUrl() + TestClients.TOKEN_PATH,
					"egain.auth.clients.portal.client-id=" + TestClients.CLIENT_ID,
					"egain.auth.clients.portal.client-secret=" + TestClients.CLIENT_SECRET,
					"egain.auth.clients.portal.scopes=knowledge.portalmgr.manage")
			.properties(settings)
			.run();
		this.instances.add(context);
		return new Caller(kind, context, this.callers);
	}

	enum Kind {

		WEB_CLIENT, REST_CLIENT, HTTP_SERVICE

	}

	/**
	 * One instance, calling the API the way its kind says.
	 */
	record Caller(Kind kind, ConfigurableApplicationContext context, Scheduler blocking) {

		Mono<Boolean> call() {
			Mono<String> body = switch (this.kind) {
				case WEB_CLIENT -> this.context.getBean(EgainWebClients.class)
					.get("portal")
					.get()
					.uri("/api")
					.retrieve()
					.bodyToMono(String.class);
				case REST_CLIENT -> Mono.fromCallable(() -> this.context.getBean(EgainRestClients.class)
					.get("portal")
					.get()
					.uri("/api")
					.retrieve()
					.body(String.class)).subscribeOn(this.blocking);
				case HTTP_SERVICE -> Mono.fromCallable(() -> this.context.getBean(PortalApi.class).data())
					.subscribeOn(this.blocking);
			};
			return body.map("data"::equals)
				// A call the end of the traffic cancels is not a failure.
				.doOnError((ex) -> !(ex instanceof java.util.concurrent.CancellationException),
						(ex) -> System.out.println(this.kind + " call failed: " + ex))
				.onErrorReturn(false);
		}

		Health health() {
			CompositeReactiveHealthContributor contributor = this.context.getBean("egainAuthHealthContributor",
					CompositeReactiveHealthContributor.class);
			return ((ReactiveHealthIndicator) contributor.getContributor("portal")).health().block();
		}

		MeterRegistry meterRegistry() {
			return this.context.getBean(MeterRegistry.class);
		}

	}

	static final class Outcome {

		final AtomicInteger succeeded = new AtomicInteger();

		final AtomicInteger failed = new AtomicInteger();

	}

	interface PortalApi {

		@GetExchange("/api")
		String data();

	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ DataRedisAutoConfiguration.class, DataRedisReactiveAutoConfiguration.class,
			RestClientAutoConfiguration.class, HttpServiceClientPropertiesAutoConfiguration.class,
			HttpServiceClientAutoConfiguration.class, WebClientAutoConfiguration.class,
			EgainAuthMetricsAutoConfiguration.class, EgainRedisTokenStoreAutoConfiguration.class,
			EgainAuthAutoConfiguration.class, EgainWebClientAutoConfiguration.class,
			EgainRestClientAutoConfiguration.class, EgainAuthHealthAutoConfiguration.class })
	@ImportHttpServices(group = "portal", types = PortalApi.class)
	static class Instance {

		@Bean
		SimpleMeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

	}

}
