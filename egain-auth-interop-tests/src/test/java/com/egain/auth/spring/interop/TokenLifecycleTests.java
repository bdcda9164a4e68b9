package com.egain.auth.spring.interop;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.egain.auth.spring.EgainAccessTokens;
import com.egain.auth.spring.EgainWebClients;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * Token expiry, renewal and revocation against Spring Authorization Server, whose clock
 * cannot be injected: the short-lived client's tokens live
 * {@link EgainTestClients#SHORT_LIVED_TOKEN_TTL 3 s}, so two of these tests take a few
 * real seconds, with bounded waits.
 *
 * <p>Spring Authorization Server answers such a token with {@code expires_in: 2} (the
 * whole seconds left when it writes the response), while the JWT's {@code exp} is 2 to 3
 * seconds after issue. With a refresh margin of 1 s the starter renews the token 1 s
 * after receiving it and drops it 2 s after, before the API rejects it.
 */
class TokenLifecycleTests {

	@RegisterExtension
	static final InJvmAuthorizationServer server = new InJvmAuthorizationServer();

	private static final Duration LONGEST_WAIT = EgainTestClients.SHORT_LIVED_TOKEN_TTL.plusSeconds(2);

	private static final Duration POLL_INTERVAL = Duration.ofMillis(100);

	private ApplicationContextRunner starter() {
		return server.starter().withPropertyValues("egain.auth.refresh-margin=1s");
	}

	@Test
	void tokenInUseIsRenewedBeforeTheApiRejectsIt() {
		starter().run((context) -> {
			WebClient api = context.getBean(EgainWebClients.class).get(EgainStarter.SHORT_LIVED);
			callPortals(api);
			String first = lastPortalsCall().tokenId();
			await().atMost(LONGEST_WAIT).pollInterval(POLL_INTERVAL).until(() -> {
				callPortals(api);
				return !lastPortalsCall().tokenId().equals(first);
			});
			String second = lastPortalsCall().tokenId();
			assertThat(server.exchanges().to(EgainTestClients.CLIENT_APP_TOKEN_PATH)).hasSize(2)
				.allSatisfy((tokenRequest) -> assertThat(tokenRequest.status()).isEqualTo(200));
			List<RecordedExchange> apiCalls = server.exchanges().to(EgainTestClients.PORTALS_PATH);
			assertThat(apiCalls).extracting(RecordedExchange::status).containsOnly(200);
			assertThat(apiCalls).extracting(RecordedExchange::tokenId)
				.containsOnly(first, second)
				.startsWith(first)
				.endsWith(second);
		});
	}

	@Test
	void expiredTokenIsReplacedBeforeTheNextApiCall() {
		starter().run((context) -> {
			WebClient api = context.getBean(EgainWebClients.class).get(EgainStarter.SHORT_LIVED);
			EgainAccessTokens tokens = context.getBean(EgainAccessTokens.class);
			callPortals(api);
			String first = lastPortalsCall().bearerToken();
			await().atMost(LONGEST_WAIT)
				.pollInterval(POLL_INTERVAL)
				.until(() -> tokens.peek(EgainStarter.SHORT_LIVED) == null && isRejected(first));
			server.exchanges().clear();
			callPortals(api);
			assertThat(server.exchanges().all()).extracting(RecordedExchange::path, RecordedExchange::status)
				.containsExactly(tuple(EgainTestClients.CLIENT_APP_TOKEN_PATH, 200),
						tuple(EgainTestClients.PORTALS_PATH, 200));
			assertThat(lastPortalsCall().bearerToken()).isNotEqualTo(first);
		});
	}

	@Test
	void revokedTokenIsReplacedAfterTheApiRejectsIt() {
		server.starter().run((context) -> {
			WebClient api = context.getBean(EgainWebClients.class).get(EgainStarter.PORTAL);
			callPortals(api);
			RecordedExchange firstCall = lastPortalsCall();
			assertThat(HttpRequests.postForm(server.url("/oauth2/revoke"),
					Map.of("token", firstCall.bearerToken(), "token_type_hint", "access_token", "client_id",
							EgainTestClients.PORTAL_CLIENT_ID, "client_secret", EgainTestClients.PORTAL_CLIENT_SECRET),
					null)
				.statusCode()).isEqualTo(200);
			callPortals(api);
			List<RecordedExchange> apiCalls = server.exchanges().to(EgainTestClients.PORTALS_PATH);
			assertThat(apiCalls).extracting(RecordedExchange::status).containsExactly(200, 401, 200);
			assertThat(apiCalls.get(1).tokenId()).isEqualTo(firstCall.tokenId());
			assertThat(apiCalls.get(2).tokenId()).isNotEqualTo(firstCall.tokenId());
			assertThat(server.exchanges().to(EgainTestClients.CLIENT_APP_TOKEN_PATH)).hasSize(2);
		});
	}

	private static void callPortals(WebClient api) {
		api.get().uri(EgainTestClients.PORTALS_PATH).retrieve().toBodilessEntity().block();
	}

	private static RecordedExchange lastPortalsCall() {
		List<RecordedExchange> apiCalls = server.exchanges().to(EgainTestClients.PORTALS_PATH);
		return apiCalls.get(apiCalls.size() - 1);
	}

	/**
	 * Whether the API now rejects the given token as expired, asked without the starter.
	 */
	private static boolean isRejected(String token) {
		HttpResponse<String> response = HttpRequests.get(server.url(EgainTestClients.PORTALS_PATH), token);
		return response.statusCode() == 401 && response.headers()
			.firstValue("WWW-Authenticate")
			.filter((challenge) -> challenge.contains("invalid_token") && challenge.contains("expired"))
			.isPresent();
	}

}
