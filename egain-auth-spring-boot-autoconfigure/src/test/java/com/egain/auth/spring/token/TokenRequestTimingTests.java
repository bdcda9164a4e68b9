package com.egain.auth.spring.token;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import com.egain.auth.spring.EgainAuthMetrics;
import com.egain.auth.spring.EgainClient;
import com.egain.auth.spring.EgainClientAuthorizationException;
import com.egain.auth.spring.EgainClientRegistrations;
import com.egain.auth.spring.EgainTokenStore;
import com.egain.auth.spring.MutableClock;
import com.egain.auth.spring.TestClients;
import com.egain.auth.spring.endpoint.EgainTokenResponseClient;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;

import org.springframework.security.oauth2.core.OAuth2AccessToken;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * When the token cache makes its next token request after failures: before the held
 * token expires, not before a {@code Retry-After}, on monotonic time whatever the wall
 * clock does, and never stuck because something threw; and what each caller gets
 * meanwhile. A token endpoint on loopback; time moved by hand.
 */
class TokenRequestTimingTests {

	@RegisterExtension
	WireMockExtension egain = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort().containerThreads(80))
		.build();

	private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));

	private final List<EgainTokenResponseClient> responseClients = new ArrayList<>();

	/**
	 * Token requests that have started and not yet ended, over every client.
	 */
	private final AtomicInteger running = new AtomicInteger();

	@AfterEach
	void close() {
		this.responseClients.forEach(EgainTokenResponseClient::close);
	}

	@Test
	void anOutageThatEndsTwoSecondsBeforeExpiryFailsNoCallOfFourClients() {
		stubTokenEndpoint(okJson(TestClients.tokenJson("t1", 60)));
		List<DefaultEgainAccessTokens> fleet = List.of(tokens(), tokens(), tokens(), tokens());
		int failed = 0;
		int calls = 0;
		// A call of each client every 100 ms for 70 s; the tokens are issued at 0 s, refreshed
		// from 30 s, and expire at 60 s; the token endpoint answers 503 from 25 s to 58 s.
		for (long millis = 0; millis <= 70_000; millis += 100) {
			if (millis == 25_000) {
				stubTokenEndpoint(aResponse().withStatus(503));
			}
			if (millis == 58_000) {
				stubTokenEndpoint(okJson(TestClients.tokenJson("t2", 60)));
			}
			for (DefaultEgainAccessTokens tokens : fleet) {
				calls++;
				if (catchThrowable(() -> tokens.get("portal").block(Duration.ofSeconds(10))) != null) {
					failed++;
				}
			}
			awaitNoTokenRequestRunning();
			this.clock.advance(Duration.ofMillis(100));
		}
		assertThat(calls).isEqualTo(4 * 701);
		assertThat(failed).isZero();
		for (DefaultEgainAccessTokens tokens : fleet) {
			assertThat(tokens.peek("portal").getTokenValue()).isEqualTo("t2");
		}
	}

	@Test
	void whileAValidTokenIsHeldRetriesComeAtMostAThirdOfItsRemainingLifeApart() {
		stubTokenEndpoint(okJson(TestClients.tokenJson("t1", 60)));
		DefaultEgainAccessTokens tokens = tokens();
		tokens.get("portal").block();
		stubTokenEndpoint(aResponse().withStatus(503));
		List<Long> attempts = new ArrayList<>();
		for (long millis = 0; millis < 60_000; millis += 50) {
			int before = tokenRequests();
			tokens.get("portal").block();
			awaitNoTokenRequestRunning();
			if (tokenRequests() > before) {
				attempts.add(millis);
			}
			this.clock.advance(Duration.ofMillis(50));
		}
		assertThat(attempts.get(0)).isEqualTo(30_000);
		for (int i = 1; i < attempts.size(); i++) {
			long remainingLife = 60_000 - attempts.get(i - 1);
			assertThat(attempts.get(i) - attempts.get(i - 1))
				.isLessThanOrEqualTo(Math.max(remainingLife / 3, 500) + 50);
		}
		// Attempts within the last second of the token's life.
		assertThat(attempts.get(attempts.size() - 1)).isGreaterThanOrEqualTo(59_000);
	}

	@Test
	void eightSecondsOfCallsAgainstRetryAfter120MakeAtMostTwoTokenRequests() {
		stubTokenEndpoint(aResponse().withStatus(429).withHeader("Retry-After", "120"));
		DefaultEgainAccessTokens tokens = tokens();
		Instant start = this.clock.instant();
		EgainClientAuthorizationException last = null;
		for (int i = 0; i < 80; i++) {
			last = catchThrowableOfEgain(tokens);
			this.clock.advance(Duration.ofMillis(100));
		}
		assertThat(tokenRequests()).isOne();
		assertThat(last.getNextAttemptAt()).isBetween(start.plusSeconds(120), start.plusSeconds(121));
		assertThat(last.getMessage()).contains("No token request for this client before " + last.getNextAttemptAt());
	}

	@Test
	void aRetryAfterDateIsHonouredToo() {
		Instant asked = this.clock.instant().plusSeconds(90);
		stubTokenEndpoint(aResponse().withStatus(503)
			.withHeader("Retry-After", DateTimeFormatter.RFC_1123_DATE_TIME.format(asked.atOffset(ZoneOffset.UTC))));
		DefaultEgainAccessTokens tokens = tokens();
		assertThat(catchThrowableOfEgain(tokens).getNextAttemptAt()).isBetween(asked, asked.plusSeconds(1));
		this.clock.advance(Duration.ofSeconds(89));
		catchThrowableOfEgain(tokens);
		assertThat(tokenRequests()).isOne();
		this.clock.advance(Duration.ofSeconds(2));
		catchThrowableOfEgain(tokens);
		assertThat(tokenRequests()).isEqualTo(2);
	}

	@Test
	void aRetryAfterLongerThanTheMaximumIsHonouredUpToTheMaximum() {
		stubTokenEndpoint(aResponse().withStatus(429).withHeader("Retry-After", "86400"));
		DefaultEgainAccessTokens tokens = tokens();
		tokens.setMaxRetryAfter(Duration.ofMinutes(10));
		Instant start = this.clock.instant();
		assertThat(catchThrowableOfEgain(tokens).getNextAttemptAt()).isBetween(start.plusSeconds(600),
				start.plusSeconds(601));
		this.clock.advance(Duration.ofSeconds(602));
		stubTokenEndpoint(okJson(TestClients.tokenJson("t1", 3600)));
		assertThat(tokens.get("portal").block().getTokenValue()).isEqualTo("t1");
		assertThat(tokenRequests()).isEqualTo(2);
	}

	@Test
	void aBackoffThatThrowsLeavesNoTokenRequestInFlight() {
		stubOneFailureThenToken();
		DefaultEgainAccessTokens tokens = tokens();
		// Binds, but the backoff cannot be computed from it.
		tokens.setFailureBackoff(Duration.ofSeconds(-1), Duration.ofSeconds(15), Duration.ofSeconds(60));
		assertThat(catchThrowable(() -> tokens.get("portal").block(Duration.ofSeconds(10)))).isNotNull();
		this.clock.advance(Duration.ofSeconds(2));
		assertThat(tokens.get("portal").block(Duration.ofSeconds(10)).getTokenValue()).isEqualTo("t1");
		assertThat(tokenRequests()).isEqualTo(2);
	}

	@Test
	void blockedWaitersOfOneFailedTokenRequestEachGetAnExceptionOfTheirOwn() throws Exception {
		stubTokenEndpoint(aResponse().withStatus(503).withFixedDelay(500));
		DefaultEgainAccessTokens tokens = tokens();
		ExecutorService pool = Executors.newFixedThreadPool(50);
		List<Throwable> thrown = new ArrayList<>();
		try {
			List<Callable<Throwable>> calls = new ArrayList<>();
			for (int i = 0; i < 50; i++) {
				calls.add(() -> catchThrowable(() -> tokens.get("portal").block(Duration.ofSeconds(10))));
			}
			for (Future<Throwable> result : pool.invokeAll(calls, 30, TimeUnit.SECONDS)) {
				thrown.add(result.get());
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(tokenRequests()).isOne();
		assertThat(thrown).hasSize(50).allMatch(EgainClientAuthorizationException.class::isInstance);
		assertThat(distinct(thrown)).hasSize(50);
		// Reactor's block() adds one suppressed exception to the exception it throws.
		assertThat(thrown).allMatch((ex) -> ex.getSuppressed().length <= 1);
	}

	@Test
	void aStoreFailureReachesEachCallerAsAnExceptionOfItsOwn() {
		IllegalStateException storeFailure = new IllegalStateException("store down");
		DefaultEgainAccessTokens tokens = tokens(new InMemoryEgainTokenStore() {

			@Override
			public Mono<OAuth2AccessToken> load(String clientName) {
				return Mono.error(storeFailure);
			}

		});
		List<Throwable> thrown = new ArrayList<>();
		for (int i = 0; i < 1000; i++) {
			thrown.add(catchThrowable(() -> tokens.get("portal").block()));
		}
		assertThat(thrown).doesNotContainNull();
		assertThat(distinct(thrown)).hasSize(1000);
		assertThat(thrown).allMatch((ex) -> ex.getSuppressed().length <= 1);
		assertThat(storeFailure.getSuppressed().length).isLessThanOrEqualTo(1);
		assertThat(thrown.get(999)).hasRootCause(storeFailure);
		assertThat(tokenRequests()).isZero();
	}

	@Test
	void aBackwardStepOfTheWallClockDoesNotProlongTheBackoff() {
		stubOneFailureThenToken();
		DefaultEgainAccessTokens tokens = tokens();
		catchThrowableOfEgain(tokens);
		this.clock.step(Duration.ofHours(-1));
		this.clock.advance(Duration.ofSeconds(2));
		assertThat(tokens.get("portal").block(Duration.ofSeconds(10)).getTokenValue()).isEqualTo("t1");
		assertThat(tokenRequests()).isEqualTo(2);
	}

	@Test
	void aForwardStepOfTheWallClockDoesNotExpireTheToken() {
		stubTokenEndpoint(okJson(TestClients.tokenJson("t1", 3600)));
		DefaultEgainAccessTokens tokens = tokens();
		tokens.get("portal").block();
		stubTokenEndpoint(okJson(TestClients.tokenJson("t2", 3600)));
		this.clock.step(Duration.ofHours(2));
		assertThat(tokens.get("portal").block().getTokenValue()).isEqualTo("t1");
		assertThat(tokenRequests()).isOne();
	}

	private DefaultEgainAccessTokens tokens() {
		return tokens(new InMemoryEgainTokenStore());
	}

	/**
	 * One instance's tokens; its token requests are counted in {@link #running} while they
	 * run, one attempt each, with the clock read by the token response reader too.
	 */
	private DefaultEgainAccessTokens tokens(InMemoryEgainTokenStore store) {
		EgainClient client = TestClients.clientApp("portal", this.egain.baseUrl());
		EgainTokenResponseClient responseClient = TestClients.responseClientBuilder(Duration.ofSeconds(5))
			.maxAttempts(1)
			.clock(this.clock)
			.build();
		this.responseClients.add(responseClient);
		EgainTokenStore counting = new EgainTokenStore() {

			@Override
			public Mono<OAuth2AccessToken> load(String clientName) {
				return store.load(clientName);
			}

			@Override
			public Mono<Void> save(String clientName, OAuth2AccessToken token) {
				return store.save(clientName, token);
			}

			@Override
			public Mono<Void> remove(String clientName, OAuth2AccessToken token) {
				return store.remove(clientName, token);
			}

			@Override
			public Mono<OAuth2AccessToken> obtain(String clientName, Predicate<OAuth2AccessToken> acceptable,
					Mono<OAuth2AccessToken> tokenRequest) {
				return Mono.defer(() -> {
					TokenRequestTimingTests.this.running.incrementAndGet();
					return store.obtain(clientName, acceptable, tokenRequest)
						.doFinally((signal) -> TokenRequestTimingTests.this.running.decrementAndGet());
				});
			}

		};
		return new DefaultEgainAccessTokens(new EgainClientRegistrations(List.of(client)), responseClient, counting,
				Duration.ofSeconds(60), this.clock, this.clock::nanoTime, EgainAuthMetrics.NONE,
				ObservationRegistry.NOOP);
	}

	/**
	 * Wait for the background refreshes to end before the time moves on, as if each took
	 * no time.
	 */
	private void awaitNoTokenRequestRunning() {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (this.running.get() > 0) {
			assertThat(System.nanoTime() - deadline).isNegative();
			Thread.onSpinWait();
		}
	}

	private EgainClientAuthorizationException catchThrowableOfEgain(DefaultEgainAccessTokens tokens) {
		Throwable thrown = catchThrowable(() -> tokens.get("portal").block(Duration.ofSeconds(10)));
		assertThat(thrown).isInstanceOf(EgainClientAuthorizationException.class);
		return (EgainClientAuthorizationException) thrown;
	}

	private static Set<Throwable> distinct(List<Throwable> thrown) {
		Set<Throwable> distinct = Collections.newSetFromMap(new IdentityHashMap<>());
		distinct.addAll(thrown);
		return distinct;
	}

	/**
	 * A 503 for the first token request, a token for the others.
	 */
	private void stubOneFailureThenToken() {
		this.egain.stubFor(post(urlPathEqualTo(TestClients.TOKEN_PATH)).inScenario("outage")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(503))
			.willSetStateTo("up"));
		this.egain.stubFor(post(urlPathEqualTo(TestClients.TOKEN_PATH)).inScenario("outage")
			.whenScenarioStateIs("up")
			.willReturn(okJson(TestClients.tokenJson("t1", 3600))));
	}

	private void stubTokenEndpoint(ResponseDefinitionBuilder response) {
		this.egain.stubFor(post(urlPathEqualTo(TestClients.TOKEN_PATH)).willReturn(response));
	}

	private int tokenRequests() {
		return this.egain.findAll(postRequestedFor(urlPathEqualTo(TestClients.TOKEN_PATH))).size();
	}

}
