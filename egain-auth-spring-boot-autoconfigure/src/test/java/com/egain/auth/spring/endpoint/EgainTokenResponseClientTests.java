package com.egain.auth.spring.endpoint;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;

import com.egain.auth.spring.EgainClient;
import com.egain.auth.spring.EgainClientAuthorizationException;
import com.egain.auth.spring.LogCapture;
import com.egain.auth.spring.TestClients;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.netty.resolver.AbstractAddressResolver;
import io.netty.resolver.AddressResolver;
import io.netty.resolver.AddressResolverGroup;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Promise;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.netty.http.client.HttpClient;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.ReactorClientHttpRequestFactory;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;
import org.springframework.web.client.RestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Every way a token endpoint can fail, on real HTTP, ends in one
 * {@link EgainClientAuthorizationException} within the time limits, and no log line at any
 * level shows the secret or a token.
 */
class EgainTokenResponseClientTests {

	private static final Duration RESPONSE_TIMEOUT = Duration.ofMillis(500);

	private static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.secret-token-value.sig";

	@RegisterExtension
	WireMockExtension egain = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort().dynamicHttpsPort())
		.build();

	private final List<AutoCloseable> resources = new ArrayList<>();

	@AfterEach
	void close() throws Exception {
		for (AutoCloseable resource : this.resources) {
			resource.close();
		}
	}

	record Failure(String name, ResponseDefinitionBuilder response, int attempts, String code, int status,
			String[] messageParts) {

		@Override
		public String toString() {
			return this.name;
		}

	}

	static Stream<Failure> failures() {
		return Stream.of(
				new Failure("400 with an RFC 6749 error body", json(400,
						"{\"error\":\"invalid_request\",\"error_description\":\"scope is required\"}"), 1,
						"invalid_request", 400, new String[] { "HTTP 400", "invalid_request (scope is required)" }),
				new Failure("401 invalid_client", json(401, "{\"error\":\"invalid_client\"}"), 1, "invalid_client",
						401, new String[] { "HTTP 401", "invalid_client", "Check the client-id and client-secret" }),
				new Failure("401 without a body", aResponse().withStatus(401), 1, "invalid_client", 401,
						new String[] { "HTTP 401", "invalid_client (HTTP 401 with no error body)",
								"Check the client-id and client-secret" }),
				new Failure("401 with an error body of eGain's APIs",
						json(401, "{\"code\":\"401-101\",\"developerMessage\":\"Unauthorized\"}"), 1,
						"invalid_client", 401, new String[] { "HTTP 401", "invalid_client" }),
				new Failure("401 naming another OAuth2 error", json(401, "{\"error\":\"invalid_grant\"}"), 1,
						"invalid_grant", 401, new String[] { "HTTP 401", "invalid_grant" }),
				new Failure("403 without a body", aResponse().withStatus(403), 1, "token_endpoint_error", 403,
						new String[] { "HTTP 403", "no error body" }),
				new Failure("404 HTML page (wrong tenant URL)",
						aResponse().withStatus(404)
							.withHeader("Content-Type", "text/html")
							.withBody("<html><body>Not Found</body></html>"),
						1, "token_endpoint_error", 404,
						new String[] { "HTTP 404", "text/html", "Check the token-uri: its tenant id" }),
				new Failure("5xx, retried up to the attempt limit", json(503, "{\"error\":\"temporarily_unavailable\"}"),
						3, "temporarily_unavailable", 503, new String[] { "HTTP 503" }),
				new Failure("500 HTML error page, retried", aResponse().withStatus(500)
					.withHeader("Content-Type", "text/html")
					.withBody("<html>oops</html>"), 3, "token_endpoint_error", 500, new String[] { "HTTP 500" }),
				new Failure("429 asking for longer than max-backoff",
						json(429, "{\"error\":\"slow_down\"}").withHeader("Retry-After", "120"), 1, "slow_down", 429,
						new String[] { "HTTP 429", "Retry-After: 120 s" }),
				new Failure("200 HTML page", aResponse().withStatus(200)
					.withHeader("Content-Type", "text/html")
					.withBody("<html>login</html>"), 1, "invalid_token_response", 200,
						new String[] { "not a JSON object (content type text/html)" }),
				new Failure("truncated JSON", json(200, "{\"access_token\":\"" + TOKEN + "\",\"token_ty"), 1,
						"invalid_token_response", 200, new String[] { "not a JSON object" }),
				new Failure("JSON array", json(200, "[1,2]"), 1, "invalid_token_response", 200,
						new String[] { "not a JSON object" }),
				new Failure("JSON without access_token", json(200, "{\"token_type\":\"Bearer\",\"expires_in\":3600}"),
						1, "invalid_token_response", 200, new String[] { "no access_token" }),
				new Failure("token_type other than Bearer",
						json(200, "{\"access_token\":\"" + TOKEN + "\",\"token_type\":\"mac\",\"expires_in\":3600}"),
						1, "invalid_token_response", 200, new String[] { "token_type is 'mac', expected Bearer" }),
				new Failure("negative expires_in",
						json(200, "{\"access_token\":\"" + TOKEN + "\",\"token_type\":\"Bearer\",\"expires_in\":-5}"),
						1, "invalid_token_response", 200, new String[] { "expires_in is -5; it must be positive" }),
				new Failure("zero expires_in",
						json(200, "{\"access_token\":\"" + TOKEN + "\",\"token_type\":\"Bearer\",\"expires_in\":0}"),
						1, "invalid_token_response", 200, new String[] { "expires_in is 0; it must be positive" }),
				new Failure("expires_in that is not a number", json(200,
						"{\"access_token\":\"" + TOKEN + "\",\"token_type\":\"Bearer\",\"expires_in\":\"soon\"}"), 1,
						"invalid_token_response", 200, new String[] { "expires_in is not a whole number" }),
				new Failure("enormous body", json(200, "{\"access_token\":\"" + "x".repeat(200_000) + "\"}"), 1,
						"invalid_token_response", 200, new String[] { "larger than the limit" }),
				new Failure("connection reset", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER), 3,
						"token_endpoint_unreachable", 0, new String[] { "connection failed or closed" }),
				new Failure("garbage instead of HTTP", aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK), 3,
						"token_endpoint_unreachable", 0, new String[] { "connection failed or closed" }),
				new Failure("no answer within the response timeout", okJson(TestClients.tokenJson(TOKEN, 3600))
					.withFixedDelay(3000), 1, "token_endpoint_timeout", 0,
						new String[] { "no response within egain.auth.token-endpoint.response-timeout" }));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("failures")
	void failureEndsInOneClearExceptionWithinTheTimeLimitAndLeaksNothing(Failure failure) {
		this.egain.stubFor(post(urlPathEqualTo(TestClients.TOKEN_PATH)).willReturn(failure.response()));
		EgainClientAuthorizationException ex = fail(client(), http());
		assertThat(ex.getError().getErrorCode()).isEqualTo(failure.code());
		assertThat(ex.getStatusCode()).isEqualTo((failure.status() != 0) ? HttpStatusCode.valueOf(failure.status()) : null);
		assertThat(ex.getClientName()).isEqualTo("portal");
		assertThat(ex.getTokenEndpoint()).isEqualTo(http() + TestClients.TOKEN_PATH);
		assertThat(ex.getMessage()).startsWith("Token request of eGain client 'portal' to " + http()
				+ TestClients.TOKEN_PATH + " failed: ")
			.contains(failure.messageParts());
		assertThat(this.egain.findAll(postRequestedFor(urlPathEqualTo(TestClients.TOKEN_PATH))))
			.hasSize(failure.attempts());
	}

	@Test
	void cancellingTheCallerStopsFurtherAttempts() {
		this.egain.stubFor(post(urlPathEqualTo(TestClients.TOKEN_PATH)).willReturn(aResponse().withStatus(503)));
		EgainTokenResponseClient client = builder(RESPONSE_TIMEOUT).backoff(Duration.ofMillis(200), Duration.ofMillis(200))
			.build();
		reactor.core.Disposable call = client.getTokenResponse(clientNamedPortal(http())).subscribe(null, (ex) -> {
		});
		org.awaitility.Awaitility.await()
			.atMost(Duration.ofSeconds(5))
			.until(() -> this.egain.findAll(postRequestedFor(urlPathEqualTo(TestClients.TOKEN_PATH))).size() == 1);
		call.dispose();
		// The next attempt would have come 100 to 200 ms after the first.
		org.awaitility.Awaitility.await()
			.during(Duration.ofMillis(500))
			.atMost(Duration.ofSeconds(1))
			.until(() -> this.egain.findAll(postRequestedFor(urlPathEqualTo(TestClients.TOKEN_PATH))).size() == 1);
	}

	@Test
	void successfulTokenRequestLogsNeitherTheSecretNorTheToken() {
		this.egain.stubFor(post(urlPathEqualTo(TestClients.TOKEN_PATH))
			.willReturn(okJson(TestClients.tokenJson(TOKEN, 3600))));
		try (LogCapture logs = new LogCapture()) {
			OAuth2AccessTokenResponse response = client().getTokenResponse(clientNamedPortal(http())).block();
			assertThat(response.getAccessToken().getTokenValue()).isEqualTo(TOKEN);
			assertThat(logs.events()).isPositive();
			assertNoSecrets(logs.text());
			assertNoSecrets(response.toString());
		}
	}

	@Test
	void retryAfterIsHonoured() {
		this.egain.stubFor(post(urlPathEqualTo(TestClients.TOKEN_PATH)).inScenario("busy")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(json(429, "{\"error\":\"slow_down\"}").withHeader("Retry-After", "0"))
			.willSetStateTo("ready"));
		this.egain.stubFor(post(urlPathEqualTo(TestClients.TOKEN_PATH)).inScenario("busy")
			.whenScenarioStateIs("ready")
			.willReturn(okJson(TestClients.tokenJson(TOKEN, 3600))));
		OAuth2AccessTokenResponse response = client().getTokenResponse(clientNamedPortal(http())).block();
		assertThat(response.getAccessToken().getTokenValue()).isEqualTo(TOKEN);
		assertThat(this.egain.findAll(postRequestedFor(urlPathEqualTo(TestClients.TOKEN_PATH)))).hasSize(2);
	}

	@Test
	void transientFailureFollowedBySuccessYieldsTheToken() {
		this.egain.stubFor(post(urlPathEqualTo(TestClients.TOKEN_PATH)).inScenario("flaky")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(502))
			.willSetStateTo("up"));
		this.egain.stubFor(post(urlPathEqualTo(TestClients.TOKEN_PATH)).inScenario("flaky")
			.whenScenarioStateIs("up")
			.willReturn(okJson(TestClients.tokenJson(TOKEN, 3600))));
		assertThat(client().getTokenResponse(clientNamedPortal(http())).block().getAccessToken()
			.getTokenValue()).isEqualTo(TOKEN);
	}

	@Test
	void missingExpiresInAssumesTheDefaultLifetime() {
		this.egain.stubFor(post(urlPathEqualTo(TestClients.TOKEN_PATH))
			.willReturn(okJson("{\"access_token\":\"" + TOKEN + "\",\"token_type\":\"Bearer\"}")));
		EgainTokenResponseClient client = builder(RESPONSE_TIMEOUT).defaultTokenLifetime(Duration.ofSeconds(123)).build();
		assertThat(lifetime(client.getTokenResponse(clientNamedPortal(http())).block()))
			.isEqualTo(Duration.ofSeconds(123));
	}

	@Test
	void hugeExpiresInIsCappedAtOneDay() {
		this.egain.stubFor(post(urlPathEqualTo(TestClients.TOKEN_PATH))
			.willReturn(okJson(TestClients.tokenJson(TOKEN, 999_999_999_999L))));
		assertThat(lifetime(client().getTokenResponse(clientNamedPortal(http())).block()))
			.isEqualTo(Duration.ofDays(1));
	}

	@Test
	void extraFieldsAndAStringExpiresInAreTolerated() {
		this.egain.stubFor(post(urlPathEqualTo(TestClients.TOKEN_PATH)).willReturn(okJson("{\"access_token\":\""
				+ TOKEN + "\",\"token_type\":\"bearer\",\"expires_in\":\"600\",\"scope\":\"a b\",\"ext\":{\"x\":1}}")));
		OAuth2AccessTokenResponse response = client().getTokenResponse(clientNamedPortal(http())).block();
		assertThat(lifetime(response)).isEqualTo(Duration.ofSeconds(600));
		assertThat(response.getAccessToken().getScopes()).containsExactly("a", "b");
	}

	@Test
	void connectionRefusedIsRetriedThenReported() throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			closedPort = socket.getLocalPort();
		}
		EgainClientAuthorizationException ex = fail(client(), "http://127.0.0.1:" + closedPort);
		assertThat(ex.getError().getErrorCode()).isEqualTo("token_endpoint_unreachable");
		assertThat(ex.getMessage()).contains("connection refused");
		assertThat(ex.isTransient()).isTrue();
	}

	@Test
	void unknownHostIsReportedWithoutRetry() {
		AddressResolverGroup<InetSocketAddress> failingDns = new AddressResolverGroup<>() {
			@Override
			protected AddressResolver<InetSocketAddress> newResolver(EventExecutor executor) {
				return new AbstractAddressResolver<>(executor) {
					@Override
					protected boolean doIsResolved(InetSocketAddress address) {
						return false;
					}

					@Override
					protected void doResolve(InetSocketAddress unresolved, Promise<InetSocketAddress> promise) {
						promise.setFailure(new UnknownHostException(unresolved.getHostString()));
					}

					@Override
					protected void doResolveAll(InetSocketAddress unresolved, Promise<List<InetSocketAddress>> promise) {
						promise.setFailure(new UnknownHostException(unresolved.getHostString()));
					}
				};
			}
		};
		// The JDK's resolver cannot be replaced per client, and a real lookup could leave the
		// machine: this test runs the token client on Reactor Netty with a resolver that fails.
		HttpClient httpClient = HttpClient.create().resolver(failingDns).responseTimeout(RESPONSE_TIMEOUT);
		EgainTokenResponseClient client = builder(RESPONSE_TIMEOUT)
			.restClient(RestClient.builder().requestFactory(new ReactorClientHttpRequestFactory(httpClient)).build())
			.build();
		EgainClientAuthorizationException ex = fail(client, "https://tenant-typo.ai.egain.cloud");
		assertThat(ex.getError().getErrorCode()).isEqualTo("token_endpoint_unreachable");
		assertThat(ex.getMessage()).contains("unknown host (DNS lookup failed)");
		assertThat(ex.isTransient()).isFalse();
	}

	@Test
	void tlsFailureIsReportedWithoutRetry() {
		// A generous time limit: the first TLS handshake of a JVM loads the trust store.
		EgainClientAuthorizationException ex = fail(client(Duration.ofSeconds(10)),
				"https://localhost:" + this.egain.getHttpsPort());
		assertThat(ex.getError().getErrorCode()).isEqualTo("token_endpoint_unreachable");
		assertThat(ex.getMessage()).contains("TLS handshake failed");
		assertThat(this.egain.findAll(postRequestedFor(urlPathEqualTo(TestClients.TOKEN_PATH)))).isEmpty();
	}

	@Test
	void endpointThatAcceptsAndNeverAnswersEndsAtTheResponseTimeout() throws IOException {
		ServerSocket silent = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
		this.resources.add(silent);
		List<Socket> accepted = new ArrayList<>();
		Thread acceptor = new Thread(() -> {
			try {
				while (true) {
					Socket socket = silent.accept();
					accepted.add(socket);
					this.resources.add(socket);
					InputStream in = socket.getInputStream();
					in.read(new byte[8192]);
				}
			}
			catch (IOException ex) {
				// closed at the end of the test
			}
		});
		acceptor.setDaemon(true);
		acceptor.start();
		long start = System.nanoTime();
		EgainClientAuthorizationException ex = fail(client(), "http://127.0.0.1:" + silent.getLocalPort());
		Duration took = Duration.ofNanos(System.nanoTime() - start);
		assertThat(ex.getError().getErrorCode()).isEqualTo("token_endpoint_timeout");
		assertThat(took).isLessThan(RESPONSE_TIMEOUT.multipliedBy(4));
		assertThat(accepted).hasSize(1);
	}

	private EgainClientAuthorizationException fail(EgainTokenResponseClient client, String server) {
		try (LogCapture logs = new LogCapture()) {
			EgainClientAuthorizationException ex = catchThrowableOfType(EgainClientAuthorizationException.class,
					() -> client.getTokenResponse(clientNamedPortal(server)).block(Duration.ofSeconds(10)));
			assertThat(ex).as("the exception").isNotNull();
			assertThat(logs.events()).as("log events captured at TRACE").isPositive();
			assertNoSecrets(logs.text());
			assertNoSecrets(ex.getMessage());
			assertNoSecrets(String.valueOf(ex.getError()));
			return ex;
		}
	}

	private static void assertNoSecrets(String text) {
		assertThat(text).doesNotContain(TestClients.CLIENT_SECRET).doesNotContain(TOKEN).doesNotContain("secret-token-value");
	}

	private String http() {
		return "http://localhost:" + this.egain.getPort();
	}

	private EgainTokenResponseClient client() {
		return client(RESPONSE_TIMEOUT);
	}

	private EgainTokenResponseClient client(Duration responseTimeout) {
		return builder(responseTimeout).build();
	}

	private static EgainTokenResponseClient.Builder builder(Duration responseTimeout) {
		return EgainTokenResponseClient.builder()
			.connectTimeout(Duration.ofSeconds(1))
			.responseTimeout(responseTimeout)
			.backoff(Duration.ofMillis(10), Duration.ofMillis(100));
	}

	private static EgainClient clientNamedPortal(String server) {
		return TestClients.clientApp("portal", server);
	}

	private static Duration lifetime(OAuth2AccessTokenResponse response) {
		return Duration.between(response.getAccessToken().getIssuedAt(), response.getAccessToken().getExpiresAt());
	}

	private static ResponseDefinitionBuilder json(int status, String body) {
		return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
	}

}
