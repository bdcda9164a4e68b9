package com.egain.auth.spring.token;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.egain.auth.spring.EgainAccessTokens;
import com.egain.auth.spring.EgainAuthMetrics;
import com.egain.auth.spring.EgainClient;
import com.egain.auth.spring.EgainClientAuthorizationException;
import com.egain.auth.spring.EgainClientHttpRequestInterceptor;
import com.egain.auth.spring.EgainClientRegistrations;
import com.egain.auth.spring.EgainExchangeFilterFunction;
import com.egain.auth.spring.EgainTokenRejectionHandler;
import com.egain.auth.spring.LogCapture;
import com.egain.auth.spring.MutableClock;
import com.egain.auth.spring.RenewingEgainTokenRejectionHandler;
import com.egain.auth.spring.TestClients;
import com.egain.auth.spring.endpoint.EgainTokenResponseClient;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.micrometer.observation.ObservationRegistry;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.unauthorized;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;

/**
 * eGain's token endpoint and the callers' threads are protected when things go wrong: an
 * API that rejects every token, a client eGain refuses, an endpoint down for minutes, and
 * blocking callers on every kind of thread pool with a cold cache. Real HTTP on loopback;
 * time moved by hand.
 */
class TokenEndpointProtectionTests {

	@RegisterExtension
	// HTTP/1.1 only: on an h2c connection the JDK's HttpClient refuses a request beyond the server's
	// concurrent streams ("too many concurrent streams") instead of waiting, which 200 callers at once reach.
	WireMockExtension egain = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort().containerThreads(300).http2PlainDisabled(true))
		.build();

	private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));

	private EgainTokenResponseClient responseClient = TestClients.responseClient(Duration.ofSeconds(5));

	private DefaultEgainAccessTokens tokens;

	private EgainTokenRejectionHandler rejections;

	private WebClient webClient;

	private RestClient restClient;

	private final LogCapture logs = new LogCapture();

	@AfterEach
	void close() {
		this.logs.close();
		this.responseClient.close();
	}

	private final AtomicInteger suspendedRenewals = new AtomicInteger();

	private void startClients() {
		EgainClient client = TestClients.clientApp("portal", this.egain.baseUrl());
		EgainClientRegistrations registrations = new EgainClientRegistrations(List.of(client));
		EgainAuthMetrics metrics = new EgainAuthMetrics() {

			@Override
			public void renewalSuspended(String clientName) {
				TokenEndpointProtectionTests.this.suspendedRenewals.incrementAndGet();
			}

		};
		this.tokens = new DefaultEgainAccessTokens(registrations, this.responseClient, new InMemoryEgainTokenStore(),
				Duration.ofSeconds(60), this.clock, this.clock::nanoTime, metrics, ObservationRegistry.NOOP);
		this.rejections = new RenewingEgainTokenRejectionHandler(this.tokens, metrics, Duration.ofSeconds(30),
				this.clock::nanoTime);
		this.webClient = WebClient.builder()
			.baseUrl(this.egain.baseUrl())
			.filter(new EgainExchangeFilterFunction(registrations, this.tokens, metrics, this.rejections)
				.forClient("portal"))
			.build();
		this.restClient = RestClient.builder()
			.requestFactory(new JdkClientHttpRequestFactory())
			.baseUrl(this.egain.baseUrl())
			.requestInterceptor(new EgainClientHttpRequestInterceptor(registrations, this.tokens, metrics, this.rejections)
				.forClient("portal"))
			.build();
	}

	@Test
	void apiThatRejectsEveryTokenCostsAtMostThreeTokenRequestsForTwoHundredSequentialCalls() {
		stubNumberedTokens();
		this.egain.stubFor(get(urlPathEqualTo("/api")).willReturn(unauthorized()));
		startClients();
		for (int i = 0; i < 200; i++) {
			assertThat(webClientStatus()).isEqualTo(401);
		}
		assertThat(tokenRequests()).isLessThanOrEqualTo(3);
		assertThat(this.suspendedRenewals).hasValue(1);
		assertThat(this.logs.text().lines().filter((line) -> line.startsWith("WARN")
				&& line.contains("The eGain API rejects fresh tokens of client 'portal'")))
			.hasSize(1);
	}

	@Test
	void apiThatRejectsEveryTokenCostsAtMostThreeTokenRequestsForFiftyConcurrentCallers() throws Exception {
		stubNumberedTokens();
		this.egain.stubFor(get(urlPathEqualTo("/api")).willReturn(unauthorized().withFixedDelay(20)));
		startClients();
		ExecutorService pool = Executors.newFixedThreadPool(50);
		try {
			for (int round = 0; round < 4; round++) {
				List<Callable<Integer>> calls = new ArrayList<>();
				for (int i = 0; i < 50; i++) {
					calls.add(this::restClientStatus);
				}
				for (Future<Integer> status : pool.invokeAll(calls, 30, TimeUnit.SECONDS)) {
					assertThat(status.get()).isEqualTo(401);
				}
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(tokenRequests()).isLessThanOrEqualTo(3);
	}

	@Test
	void afterTheCooldownARejectedTokenIsRenewedOnceMore() {
		stubNumberedTokens();
		this.egain.stubFor(get(urlPathEqualTo("/api")).willReturn(unauthorized()));
		startClients();
		webClientStatus();
		int duringCooldown = tokenRequests();
		this.clock.advance(Duration.ofSeconds(29));
		webClientStatus();
		assertThat(tokenRequests()).isEqualTo(duringCooldown);
		this.clock.advance(Duration.ofSeconds(2));
		webClientStatus();
		assertThat(tokenRequests()).isEqualTo(duringCooldown + 1);
	}

	@Test
	void twoRequestsRejectedOnTheSameTokenMakeOneRenewal() {
		stubNumberedTokens();
		this.egain.stubFor(get(urlPathEqualTo("/api")).withHeader("Authorization", equalTo("Bearer t1"))
			.willReturn(unauthorized().withFixedDelay(300)));
		this.egain.stubFor(get(urlPathEqualTo("/api")).withHeader("Authorization", equalTo("Bearer t2"))
			.willReturn(ok("data")));
		startClients();
		this.tokens.get("portal").block();
		List<String> bodies = Flux.range(0, 2)
			.flatMap((i) -> this.webClient.get().uri("/api").retrieve().bodyToMono(String.class))
			.collectList()
			.block(Duration.ofSeconds(10));
		assertThat(bodies).containsExactly("data", "data");
		assertThat(tokenRequests()).isEqualTo(2);
	}

	@Test
	void renewedTokenThatAnApiAcceptedIsRenewedAgainWhenRejectedLater() {
		stubNumberedTokens();
		this.egain.stubFor(get(urlPathEqualTo("/api")).withHeader("Authorization", equalTo("Bearer t1"))
			.willReturn(unauthorized()));
		this.egain.stubFor(get(urlPathEqualTo("/api")).withHeader("Authorization", equalTo("Bearer t2"))
			.willReturn(ok("data")));
		this.egain.stubFor(get(urlPathEqualTo("/api")).withHeader("Authorization", equalTo("Bearer t3"))
			.willReturn(ok("data again")));
		startClients();
		assertThat(this.restClient.get().uri("/api").retrieve().body(String.class)).isEqualTo("data");
		// t2 is revoked later: it had been accepted, so it is renewed, not put in cool-down.
		this.egain.stubFor(get(urlPathEqualTo("/api")).withHeader("Authorization", equalTo("Bearer t2"))
			.willReturn(unauthorized()));
		assertThat(this.restClient.get().uri("/api").retrieve().body(String.class)).isEqualTo("data again");
		assertThat(tokenRequests()).isEqualTo(3);
	}

	@Test
	void apiThatRejectsEveryRequestWithABodyGetsOneNewTokenThenACooldown() {
		stubNumberedTokens();
		this.egain.stubFor(post(urlPathEqualTo("/api")).willReturn(unauthorized()));
		startClients();
		for (int i = 0; i < 200; i++) {
			assertThat(webClientPostStatus()).isEqualTo(401);
		}
		assertThat(tokenRequests()).isEqualTo(2);
		assertThat(this.suspendedRenewals).hasValue(1);
		this.clock.advance(Duration.ofSeconds(31));
		webClientPostStatus();
		webClientPostStatus();
		assertThat(tokenRequests()).isEqualTo(3);
	}

	@Test
	void restClientRequestWithABodyRejectedWithA401DropsItsTokenSoThatTheNextRequestCarriesANewOne() {
		stubNumberedTokens();
		this.egain.stubFor(post(urlPathEqualTo("/api")).withHeader("Authorization", equalTo("Bearer t1"))
			.willReturn(unauthorized()));
		this.egain.stubFor(post(urlPathEqualTo("/api")).withHeader("Authorization", equalTo("Bearer t2"))
			.willReturn(ok("data")));
		startClients();
		for (int i = 0; i < 2; i++) {
			assertThat(this.restClient.post().uri("/api").body("{\"q\":1}").retrieve().body(String.class))
				.isEqualTo("data");
		}
		// The RestClient body is a byte array: the rejected request went once more.
		assertThat(this.egain.findAll(postRequestedFor(urlPathEqualTo("/api"))))
			.extracting((request) -> request.getHeader("Authorization"), (request) -> request.getBodyAsString())
			.containsExactly(tuple("Bearer t1", "{\"q\":1}"), tuple("Bearer t2", "{\"q\":1}"),
					tuple("Bearer t2", "{\"q\":1}"));
	}

	@Test
	void restClient401WhoseRenewalFailsReleasesItsConnection() throws IOException {
		this.egain.stubFor(post(urlPathEqualTo(TestClients.TOKEN_PATH)).inScenario("tokens")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(okJson(TestClients.tokenJson("t1", 3600)))
			.willSetStateTo("refused"));
		this.egain.stubFor(post(urlPathEqualTo(TestClients.TOKEN_PATH)).inScenario("tokens")
			.whenScenarioStateIs("refused")
			.willReturn(aResponse().withStatus(400)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"error\":\"invalid_request\"}")));
		this.egain.stubFor(get(urlPathEqualTo("/api")).willReturn(unauthorized()));
		startClients();
		PoolingHttpClientConnectionManager pool = PoolingHttpClientConnectionManagerBuilder.create()
			.setMaxConnTotal(1)
			.setMaxConnPerRoute(1)
			.build();
		try (CloseableHttpClient httpClient = HttpClients.custom().setConnectionManager(pool).build()) {
			RestClient pooled = RestClient.builder()
				.requestFactory(new HttpComponentsClientHttpRequestFactory(httpClient))
				.baseUrl(this.egain.baseUrl())
				.requestInterceptor(new EgainClientHttpRequestInterceptor(new EgainClientRegistrations(
						List.of(TestClients.clientApp("portal", this.egain.baseUrl()))), this.tokens, EgainAuthMetrics.NONE,
						this.rejections)
					.forClient("portal"))
				.build();
			assertThatExceptionOfType(EgainClientAuthorizationException.class)
				.isThrownBy(() -> pooled.get().uri("/api").retrieve().toBodilessEntity());
			// The 401 that could not be answered with a new token gave its connection back.
			assertThat(pool.getTotalStats().getLeased()).isZero();
		}
	}

	@Test
	void tokenThatAnApiAcceptedOnARequestWithABodyIsDroppedAgainWhenRejectedLater() {
		stubNumberedTokens();
		this.egain.stubFor(post(urlPathEqualTo("/api")).withHeader("Authorization", equalTo("Bearer t1"))
			.willReturn(unauthorized()));
		this.egain.stubFor(post(urlPathEqualTo("/api")).withHeader("Authorization", equalTo("Bearer t2"))
			.willReturn(ok("data")));
		this.egain.stubFor(post(urlPathEqualTo("/api")).withHeader("Authorization", equalTo("Bearer t3"))
			.willReturn(ok("data again")));
		startClients();
		assertThat(webClientPostStatus()).isEqualTo(401);
		assertThat(webClientPostStatus()).isEqualTo(200);
		// t2 is revoked later: it had been accepted, so it is dropped, not put in cool-down.
		this.egain.stubFor(post(urlPathEqualTo("/api")).withHeader("Authorization", equalTo("Bearer t2"))
			.willReturn(unauthorized()));
		assertThat(webClientPostStatus()).isEqualTo(401);
		assertThat(webClientPostStatus()).isEqualTo(200);
		assertThat(tokenRequests()).isEqualTo(3);
		assertThat(this.suspendedRenewals).hasValue(0);
	}

	@Test
	void refusedClientFailsFastAndNoCallReachesTheApiWithoutAToken() {
		this.egain.stubFor(post(urlPathEqualTo(TestClients.TOKEN_PATH)).willReturn(aResponse().withStatus(401)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\":\"invalid_client\"}")));
		this.egain.stubFor(get(urlPathEqualTo("/api")).willReturn(ok("data")));
		startClients();
		for (int i = 0; i < 50; i++) {
			assertThatExceptionOfType(EgainClientAuthorizationException.class)
				.isThrownBy(() -> this.webClient.get().uri("/api").retrieve().bodyToMono(String.class).block())
				.satisfies((ex) -> assertThat(ex.getError().getErrorCode()).isEqualTo("invalid_client"));
			assertThatExceptionOfType(EgainClientAuthorizationException.class)
				.isThrownBy(() -> this.restClient.get().uri("/api").retrieve().body(String.class))
				.satisfies((ex) -> {
					assertThat(ex.getError().getErrorCode()).isEqualTo("invalid_client");
					assertThat(ex.getNextAttemptAt()).isAfter(this.clock.instant());
					assertThat(ex.getMessage()).contains("HTTP 401, invalid_client")
						.contains("No token request for this client before");
				});
		}
		assertThat(tokenRequests()).isLessThanOrEqualTo(5);
		assertThat(this.egain.findAll(getRequestedFor(urlPathEqualTo("/api")))).isEmpty();
	}

	@Test
	void bodilessUnauthorizedFromTheTokenEndpointIsACredentialFailure() {
		this.egain.stubFor(post(urlPathEqualTo(TestClients.TOKEN_PATH)).willReturn(aResponse().withStatus(401)));
		startClients();
		// Eight seconds of calls, ten a second.
		for (int i = 0; i < 80; i++) {
			assertThatExceptionOfType(EgainClientAuthorizationException.class)
				.isThrownBy(() -> this.webClient.get().uri("/api").retrieve().bodyToMono(String.class).block())
				.satisfies((ex) -> assertThat(ex.getError().getErrorCode()).isEqualTo("invalid_client"));
			this.clock.advance(Duration.ofMillis(100));
		}
		assertThat(tokenRequests()).isLessThanOrEqualTo(2);
	}

	@Test
	void unauthorizedNamingAnotherErrorFromTheTokenEndpointWaitsTheCredentialBackoff() {
		this.egain.stubFor(post(urlPathEqualTo(TestClients.TOKEN_PATH)).willReturn(aResponse().withStatus(401)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\":\"invalid_grant\"}")));
		startClients();
		assertThatExceptionOfType(EgainClientAuthorizationException.class)
			.isThrownBy(() -> this.tokens.get("portal").block())
			.satisfies((ex) -> {
				assertThat(ex.getError().getErrorCode()).isEqualTo("invalid_grant");
				assertThat(ex.getNextAttemptAt()).isAfterOrEqualTo(this.clock.instant().plusSeconds(30));
			});
	}

	@Test
	void refusedClientLogsOneErrorLinePerTokenRequestAndCountsTheOthers() {
		this.egain.stubFor(post(urlPathEqualTo(TestClients.TOKEN_PATH)).willReturn(aResponse().withStatus(401)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\":\"invalid_client\"}")));
		startClients();
		for (int i = 0; i < 100; i++) {
			webClientCallFails();
		}
		assertThat(errorLines()).hasSize(1);
		this.clock.advance(Duration.ofSeconds(61));
		webClientCallFails();
		assertThat(tokenRequests()).isEqualTo(2);
		assertThat(errorLines()).hasSize(2)
			.last()
			.asString()
			.contains("[99 more calls failed with invalid_client since the last ERROR line; logged at DEBUG]");
	}

	@Test
	void afterAnOutageOfMinutesCallsSucceedAgainWithinTwentySecondsWithoutARestart() {
		this.responseClient.close();
		this.responseClient = TestClients.responseClientBuilder(Duration.ofSeconds(5)).maxAttempts(1).build();
		this.egain.stubFor(post(urlPathEqualTo(TestClients.TOKEN_PATH)).willReturn(aResponse().withStatus(503)));
		this.egain.stubFor(get(urlPathEqualTo("/api")).willReturn(ok("data")));
		startClients();
		// Five minutes of calls, one a second, while the token endpoint is down.
		for (int second = 0; second < 300; second++) {
			webClientCallFails();
			this.clock.advance(Duration.ofSeconds(1));
		}
		int duringOutage = tokenRequests();
		assertThat(duringOutage).isBetween(10, 40);
		this.egain.stubFor(post(urlPathEqualTo(TestClients.TOKEN_PATH))
			.willReturn(okJson(TestClients.tokenJson("t1", 3600))));
		int seconds = 0;
		while (!"data".equals(webClientBodyOrNull())) {
			this.clock.advance(Duration.ofSeconds(1));
			seconds++;
			assertThat(seconds).isLessThanOrEqualTo(20);
		}
		assertThat(tokenRequests()).isEqualTo(duringOutage + 1);
	}

	@Test
	void blockingRestClientCallersOnBoundedElasticWithAColdCacheAllGetTheirAnswers() throws Exception {
		stubSlowTokenAndApi();
		startClients();
		List<String> bodies = onBoundedElastic(() -> this.restClient.get().uri("/api").retrieve().body(String.class));
		assertThat(bodies).hasSize(200).containsOnly("data");
		assertThat(tokenRequests()).isEqualTo(1);
	}

	@Test
	void blockingWebClientCallersOnBoundedElasticWithAColdCacheAllGetTheirAnswers() throws Exception {
		stubSlowTokenAndApi();
		startClients();
		List<String> bodies = onBoundedElastic(
				() -> this.webClient.get().uri("/api").retrieve().bodyToMono(String.class).block());
		assertThat(bodies).hasSize(200).containsOnly("data");
		assertThat(tokenRequests()).isEqualTo(1);
	}

	/**
	 * Run 200 blocking calls on Reactor's bounded elastic scheduler, all of them queued
	 * before the first starts, so that every thread of the scheduler is taken by a caller
	 * when the token is first needed.
	 */
	private List<String> onBoundedElastic(Callable<String> call) throws Exception {
		CountDownLatch allQueued = new CountDownLatch(1);
		CompletableFuture<List<String>> bodies = Flux.range(0, 200).flatMap((i) -> Mono.fromCallable(() -> {
			allQueued.await();
			return call.call();
		}).subscribeOn(Schedulers.boundedElastic())).collectList().toFuture();
		allQueued.countDown();
		return bodies.get(30, TimeUnit.SECONDS);
	}

	@Test
	@EnabledForJreRange(min = JRE.JAVA_21)
	void blockingCallersOnVirtualThreadsWithAColdCacheAllGetTheirAnswers() throws Exception {
		stubSlowTokenAndApi();
		startClients();
		ExecutorService virtualThreads = (ExecutorService) Executors.class
			.getMethod("newVirtualThreadPerTaskExecutor")
			.invoke(null);
		try {
			List<Callable<String>> calls = new ArrayList<>();
			for (int i = 0; i < 200; i++) {
				calls.add(() -> this.restClient.get().uri("/api").retrieve().body(String.class));
			}
			for (Future<String> body : virtualThreads.invokeAll(calls, 30, TimeUnit.SECONDS)) {
				assertThat(body.get()).isEqualTo("data");
			}
		}
		finally {
			virtualThreads.shutdownNow();
		}
		assertThat(tokenRequests()).isEqualTo(1);
	}

	private void stubSlowTokenAndApi() {
		this.egain.stubFor(post(urlPathEqualTo(TestClients.TOKEN_PATH))
			.willReturn(okJson(TestClients.tokenJson("t1", 3600)).withFixedDelay(200)));
		this.egain.stubFor(get(urlPathEqualTo("/api")).willReturn(ok("data")));
	}

	private void stubNumberedTokens() {
		String state = Scenario.STARTED;
		for (int i = 1; i <= 10; i++) {
			String next = "token-" + (i + 1);
			this.egain.stubFor(post(urlPathEqualTo(TestClients.TOKEN_PATH)).inScenario("tokens")
				.whenScenarioStateIs(state)
				.willReturn(okJson(TestClients.tokenJson("t" + i, 3600)))
				.willSetStateTo(next));
			state = next;
		}
	}

	private int webClientStatus() {
		return this.webClient.get()
			.uri("/api")
			.exchangeToMono((response) -> response.releaseBody().thenReturn(response.statusCode().value()))
			.block(Duration.ofSeconds(10));
	}

	private int webClientPostStatus() {
		return this.webClient.post()
			.uri("/api")
			.bodyValue("{\"q\":1}")
			.exchangeToMono((response) -> response.releaseBody().thenReturn(response.statusCode().value()))
			.block(Duration.ofSeconds(10));
	}

	private int restClientStatus() {
		return this.restClient.get().uri("/api").exchange((request, response) -> response.getStatusCode().value());
	}

	private String webClientBodyOrNull() {
		return this.webClient.get()
			.uri("/api")
			.retrieve()
			.bodyToMono(String.class)
			.onErrorResume(EgainClientAuthorizationException.class, (ex) -> Mono.empty())
			.block(Duration.ofSeconds(10));
	}

	private void webClientCallFails() {
		assertThatExceptionOfType(EgainClientAuthorizationException.class)
			.isThrownBy(() -> this.webClient.get().uri("/api").retrieve().bodyToMono(String.class).block());
	}

	private List<String> errorLines() {
		return this.logs.text()
			.lines()
			.filter((line) -> line.startsWith("ERROR") && line.contains("failed for want of a token"))
			.toList();
	}

	private int tokenRequests() {
		return this.egain.findAll(postRequestedFor(urlPathEqualTo(TestClients.TOKEN_PATH))).size();
	}

}
