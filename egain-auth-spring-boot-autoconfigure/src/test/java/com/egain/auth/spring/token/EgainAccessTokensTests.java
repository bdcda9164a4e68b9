package com.egain.auth.spring.token;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.egain.auth.spring.EgainAccessTokens;
import com.egain.auth.spring.EgainAuthMetrics;
import com.egain.auth.spring.EgainClient;
import com.egain.auth.spring.EgainClientAuthorizationException;
import com.egain.auth.spring.EgainClientRegistrations;
import com.egain.auth.spring.MutableClock;
import com.egain.auth.spring.TestClients;
import com.egain.auth.spring.endpoint.EgainTokenResponseClient;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

import org.springframework.security.oauth2.core.OAuth2AccessToken;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The token lifecycle of one client against a token endpoint on loopback, with time moved
 * by hand.
 */
class EgainAccessTokensTests {

	@RegisterExtension
	WireMockExtension egain = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort().containerThreads(64))
		.build();

	private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));

	private EgainAccessTokens tokens;

	@BeforeEach
	void setUp() {
		EgainClient client = TestClients.clientApp("portal", this.egain.baseUrl());
		EgainTokenResponseClient responseClient = TestClients.responseClientBuilder(Duration.ofSeconds(5))
			.clock(this.clock)
			.build();
		this.tokens = new DefaultEgainAccessTokens(new EgainClientRegistrations(List.of(client)), responseClient,
				new InMemoryEgainTokenStore(), Duration.ofSeconds(60), this.clock, this.clock::nanoTime,
				EgainAuthMetrics.NONE, ObservationRegistry.NOOP);
	}

	@Test
	void thousandConcurrentFirstCallsMakeOneTokenRequest() {
		stubTokens(Duration.ofMillis(300), "t1");
		List<OAuth2AccessToken> results = Flux.range(0, 1000)
			.parallel(8)
			.runOn(Schedulers.parallel())
			.flatMap((i) -> this.tokens.get("portal"))
			.sequential()
			.collectList()
			.block(Duration.ofSeconds(10));
		assertThat(results).hasSize(1000).allMatch((token) -> token.getTokenValue().equals("t1"));
		assertThat(tokenRequests()).isEqualTo(1);
	}

	@Test
	void cancellingOneWaiterDoesNotCancelTheSharedRequest() throws Exception {
		stubTokens(Duration.ofMillis(300), "t1");
		Disposable cancelled = this.tokens.get("portal").subscribe();
		CompletableFuture<OAuth2AccessToken> other = this.tokens.get("portal").toFuture();
		cancelled.dispose();
		assertThat(other.get(5, TimeUnit.SECONDS).getTokenValue()).isEqualTo("t1");
		assertThat(tokenRequests()).isEqualTo(1);
	}

	@Test
	void everyWaiterGetsTheErrorOfTheSharedRequest() {
		this.egain.stubFor(post(urlPathEqualTo(TestClients.TOKEN_PATH)).willReturn(aResponse().withStatus(401)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\":\"invalid_client\"}")
			.withFixedDelay(200)));
		List<Throwable> errors = Flux.range(0, 50)
			.flatMap((i) -> this.tokens.get("portal").map(Object.class::cast).onErrorResume((ex) -> Flux.just(ex).next()))
			.cast(Throwable.class)
			.collectList()
			.block(Duration.ofSeconds(10));
		assertThat(errors).hasSize(50).allMatch(EgainClientAuthorizationException.class::isInstance);
		assertThat(tokenRequests()).isEqualTo(1);
	}

	@Test
	void tokenIsReusedUntilTheRefreshMargin() {
		stubTokens(Duration.ZERO, "t1", "t2");
		assertThat(token()).isEqualTo("t1");
		this.clock.advance(Duration.ofSeconds(3600 - 60).minusMillis(1));
		assertThat(token()).isEqualTo("t1");
		assertThat(tokenRequests()).isEqualTo(1);
	}

	@Test
	void pastTheRefreshPointTheCurrentTokenIsServedAtOnceWhileABackgroundRefreshReplacesIt() {
		stubTokens(Duration.ofMillis(300), "t1", "t2");
		assertThat(token()).isEqualTo("t1");
		this.clock.advance(Duration.ofSeconds(3600 - 60));
		// The token endpoint takes 300 ms: a call that waited on it could not be done now.
		CompletableFuture<OAuth2AccessToken> duringRefresh = this.tokens.get("portal").toFuture();
		assertThat(duringRefresh).isCompleted();
		assertThat(duringRefresh.join().getTokenValue()).isEqualTo("t1");
		await().atMost(Duration.ofSeconds(5)).until(() -> "t2".equals(this.tokens.peek("portal").getTokenValue()));
		assertThat(token()).isEqualTo("t2");
		assertThat(tokenRequests()).isEqualTo(2);
	}

	@Test
	void manyCallsPastTheRefreshPointStartOneBackgroundRefresh() {
		stubTokens(Duration.ofMillis(300), "t1", "t2");
		token();
		this.clock.advance(Duration.ofSeconds(3600 - 30));
		for (int i = 0; i < 500; i++) {
			assertThat(this.tokens.get("portal").toFuture()).isCompleted();
		}
		await().atMost(Duration.ofSeconds(5)).until(() -> "t2".equals(this.tokens.peek("portal").getTokenValue()));
		assertThat(tokenRequests()).isEqualTo(2);
	}

	@Test
	void refreshMarginIsAtMostHalfTheLifetime() {
		stubTokenResponses(Duration.ZERO, TestClients.tokenJson("t1", 100), TestClients.tokenJson("t2", 100));
		token();
		this.clock.advance(Duration.ofSeconds(49));
		token();
		assertThat(tokenRequests()).isEqualTo(1);
		this.clock.advance(Duration.ofSeconds(1));
		token();
		await().atMost(Duration.ofSeconds(5)).until(() -> tokenRequests() == 2);
	}

	@Test
	void failedBackgroundRefreshKeepsServingTheValidTokenAndRetriesWithBackoff() {
		this.egain.stubFor(post(urlPathEqualTo(TestClients.TOKEN_PATH)).inScenario("tokens")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(okJson(TestClients.tokenJson("t1", 3600)))
			.willSetStateTo("down"));
		this.egain.stubFor(post(urlPathEqualTo(TestClients.TOKEN_PATH)).inScenario("tokens")
			.whenScenarioStateIs("down")
			.willReturn(aResponse().withStatus(400)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"error\":\"invalid_request\"}")));
		token();
		this.clock.advance(Duration.ofSeconds(3600 - 50));
		for (int i = 0; i < 100; i++) {
			assertThat(token()).isEqualTo("t1");
		}
		await().atMost(Duration.ofSeconds(5)).until(() -> tokenRequests() == 2);
		// Within the backoff: no new attempt however many calls.
		for (int i = 0; i < 100; i++) {
			assertThat(token()).isEqualTo("t1");
		}
		assertThat(tokenRequests()).isEqualTo(2);
		this.clock.advance(Duration.ofSeconds(2));
		assertThat(token()).isEqualTo("t1");
		await().atMost(Duration.ofSeconds(5)).until(() -> tokenRequests() == 3);
	}

	@Test
	void expiredTokenWithFailingEndpointFailsTheCall() {
		this.egain.stubFor(post(urlPathEqualTo(TestClients.TOKEN_PATH)).inScenario("tokens")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(okJson(TestClients.tokenJson("t1", 3600)))
			.willSetStateTo("down"));
		this.egain.stubFor(post(urlPathEqualTo(TestClients.TOKEN_PATH)).inScenario("tokens")
			.whenScenarioStateIs("down")
			.willReturn(aResponse().withStatus(401)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"error\":\"invalid_client\"}")));
		token();
		this.clock.advance(Duration.ofSeconds(3600));
		assertThatExceptionOfType(EgainClientAuthorizationException.class).isThrownBy(this::token)
			.satisfies((ex) -> assertThat(ex.getError().getErrorCode()).isEqualTo("invalid_client"));
	}

	@Test
	void invalidatedTokenIsReplacedByOneNewRequest() {
		stubTokens(Duration.ofMillis(100), "t1", "t2");
		OAuth2AccessToken first = this.tokens.get("portal").block();
		this.tokens.invalidate("portal", first).block();
		this.tokens.invalidate("portal", first).block();
		List<OAuth2AccessToken> next = Flux.range(0, 100).flatMap((i) -> this.tokens.get("portal")).collectList().block();
		assertThat(next).allMatch((token) -> token.getTokenValue().equals("t2"));
		assertThat(tokenRequests()).isEqualTo(2);
	}

	@Test
	void invalidatingAnOlderTokenKeepsTheCurrentOne() {
		stubTokens(Duration.ZERO, "t1", "t2");
		OAuth2AccessToken first = this.tokens.get("portal").block();
		this.tokens.invalidate("portal", first).block();
		assertThat(token()).isEqualTo("t2");
		this.tokens.invalidate("portal", first).block();
		assertThat(token()).isEqualTo("t2");
		assertThat(tokenRequests()).isEqualTo(2);
	}

	@Test
	void rejectedTokenNeverComesBackFromAStoreThatHasNotRemovedItYet() {
		stubTokens(Duration.ZERO, "t1", "t2");
		SlowRemovingTokenStore store = new SlowRemovingTokenStore();
		EgainClient client = TestClients.clientApp("portal", this.egain.baseUrl());
		EgainAccessTokens tokens = new DefaultEgainAccessTokens(new EgainClientRegistrations(List.of(client)),
				TestClients.responseClient(Duration.ofSeconds(5)), store, Duration.ofSeconds(60), this.clock,
				this.clock::nanoTime, EgainAuthMetrics.NONE, ObservationRegistry.NOOP);
		OAuth2AccessToken first = tokens.get("portal").block();
		CompletableFuture<Void> invalidated = tokens.invalidate("portal", first).toFuture();
		assertThat(invalidated).isNotDone();
		assertThat(store.load("portal").block().getTokenValue()).isEqualTo("t1");
		// A caller between the drop and the store's removal gets a new token.
		assertThat(tokens.get("portal").block(Duration.ofSeconds(5)).getTokenValue()).isEqualTo("t2");
		store.removals.tryEmitEmpty();
		assertThat(tokens.get("portal").block(Duration.ofSeconds(5)).getTokenValue()).isEqualTo("t2");
		assertThat(tokenRequests()).isEqualTo(2);
	}

	/**
	 * An in-memory store whose removals complete only when the test lets them, as a remote
	 * store's may take a while.
	 */
	static class SlowRemovingTokenStore extends InMemoryEgainTokenStore {

		final Sinks.Empty<Void> removals = Sinks.empty();

		@Override
		public Mono<Void> remove(String clientName, OAuth2AccessToken token) {
			return this.removals.asMono().then(super.remove(clientName, token));
		}

	}

	@Test
	void withoutExpiresInTheExpClaimOfAJwtIsTheExpiry() {
		stubTokenResponses(Duration.ZERO, "{\"access_token\":\"" + jwt(this.clock.instant().plusSeconds(4))
				+ "\",\"token_type\":\"Bearer\"}");
		token();
		assertThat(this.tokens.status("portal").expiresAt()).isEqualTo(this.clock.instant().plusSeconds(4));
	}

	@Test
	void anExpClaimEarlierThanExpiresInIsTheExpiry() {
		stubTokenResponses(Duration.ZERO,
				"{\"access_token\":\"" + jwt(this.clock.instant().plusSeconds(600))
						+ "\",\"token_type\":\"Bearer\",\"expires_in\":3600}");
		token();
		assertThat(this.tokens.status("portal").expiresAt()).isEqualTo(this.clock.instant().plusSeconds(600));
	}

	@Test
	void anExpClaimIsCappedAtOneDay() {
		stubTokenResponses(Duration.ZERO, "{\"access_token\":\"" + jwt(this.clock.instant().plus(Duration.ofDays(30)))
				+ "\",\"token_type\":\"Bearer\"}");
		token();
		assertThat(this.tokens.status("portal").expiresAt()).isEqualTo(this.clock.instant().plus(Duration.ofDays(1)));
	}

	@Test
	void anExpClaimInThePastIsAnUnusableResponse() {
		stubTokenResponses(Duration.ZERO, "{\"access_token\":\"" + jwt(this.clock.instant().minusSeconds(10))
				+ "\",\"token_type\":\"Bearer\",\"expires_in\":3600}");
		assertThatExceptionOfType(EgainClientAuthorizationException.class).isThrownBy(this::token)
			.satisfies((ex) -> assertThat(ex.getError().getErrorCode())
				.isEqualTo(EgainClientAuthorizationException.INVALID_TOKEN_RESPONSE))
			.withMessageContaining("exp claim (2026-11-24T09:59:50Z) is not in the future");
	}

	@Test
	void anUnreadableTokenWithoutExpiresInHasTheDefaultLifetime() {
		stubTokenResponses(Duration.ZERO,
				"{\"access_token\":\"eyJhbGciOiJSUzI1NiJ9.not*base64url.sig\",\"token_type\":\"Bearer\"}");
		token();
		assertThat(this.tokens.status("portal").expiresAt()).isEqualTo(this.clock.instant().plusSeconds(300));
	}

	/**
	 * An unsigned JWT with the given expiry: the starter reads its lifetime, never verifies
	 * it.
	 */
	private static String jwt(Instant exp) {
		java.util.Base64.Encoder base64 = java.util.Base64.getUrlEncoder().withoutPadding();
		return base64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
				+ "." + base64.encodeToString(("{\"sub\":\"client\",\"exp\":" + exp.getEpochSecond() + "}")
					.getBytes(StandardCharsets.UTF_8))
				+ ".c2lnbmF0dXJl";
	}

	private String token() {
		return this.tokens.get("portal").block(Duration.ofSeconds(5)).getTokenValue();
	}

	private void stubTokens(Duration delay, String... values) {
		stubTokenResponses(delay, java.util.Arrays.stream(values)
			.map((value) -> TestClients.tokenJson(value, 3600))
			.toArray(String[]::new));
	}

	private void stubTokenResponses(Duration delay, String... bodies) {
		String state = Scenario.STARTED;
		for (int i = 0; i < bodies.length; i++) {
			String next = (i == bodies.length - 1) ? state : "token-" + (i + 1);
			this.egain.stubFor(post(urlPathEqualTo(TestClients.TOKEN_PATH)).inScenario("tokens")
				.whenScenarioStateIs(state)
				.willReturn(okJson(bodies[i]).withFixedDelay((int) delay.toMillis()))
				.willSetStateTo(next));
			state = next;
		}
	}

	int tokenRequests() {
		return this.egain.findAll(postRequestedFor(urlPathEqualTo(TestClients.TOKEN_PATH))).size();
	}

}
