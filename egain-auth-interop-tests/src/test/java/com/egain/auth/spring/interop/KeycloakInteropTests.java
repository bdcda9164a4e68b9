package com.egain.auth.spring.interop;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.egain.auth.spring.EgainAccessTokens;
import com.egain.auth.spring.EgainClient;
import com.egain.auth.spring.EgainClientAuthorizationException;
import com.egain.auth.spring.EgainWebClients;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The scenarios of the in-JVM tests against Keycloak in a container, with the realm of
 * {@code src/test/resources/keycloak/egain-realm.json}: the same clients, secrets and
 * scopes, issued by Keycloak's token endpoint
 * ({@code /realms/egain/protocol/openid-connect/token}) for both flows. Keycloak ignores
 * the anonymous flow's {@code user_type} and {@code domain_hint} query parameters. The
 * APIs run in this JVM and verify Keycloak's tokens against its JWK set.
 *
 * <p>Skipped without a Docker engine. Needs a local one: the starter sends credentials
 * over plain http only to a loopback address.
 */
@Testcontainers(disabledWithoutDocker = true)
class KeycloakInteropTests {

	private static final String REALM = "egain";

	/**
	 * Lifetime of the short-lived client's tokens: {@code access.token.lifespan} of
	 * {@code egain-short-lived} in the realm file. Keycloak answers
	 * {@code expires_in: 4} and sets {@code exp} 3 to 4 seconds after issue (it counts
	 * whole seconds); with a refresh margin of 2 s the starter renews a token 2 s after
	 * receiving it.
	 */
	private static final Duration SHORT_LIVED_TOKEN_TTL = Duration.ofSeconds(4);

	private static final Duration POLL_INTERVAL = Duration.ofMillis(100);

	private static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT = new ParameterizedTypeReference<>() {
	};

	@Container
	static final GenericContainer<?> keycloak = new GenericContainer<>(
			DockerImageName.parse("quay.io/keycloak/keycloak:26.3"))
		.withCommand("start-dev", "--import-realm")
		.withCopyFileToContainer(MountableFile.forClasspathResource("keycloak/egain-realm.json"),
				"/opt/keycloak/data/import/egain-realm.json")
		.withExposedPorts(8080)
		.waitingFor(Wait.forHttp("/realms/" + REALM).forPort(8080).forStatusCode(200))
		.withStartupTimeout(Duration.ofMinutes(3));

	private static TestServer apis;

	@BeforeAll
	static void startApis() {
		assumeTrue(EgainClient.isLoopbackHost(keycloak.getHost()),
				() -> "Keycloak runs on " + keycloak.getHost() + ", not a loopback address: the starter sends "
						+ "credentials over plain http only to a loopback address");
		apis = TestServer.start(ResourceServerApplication.class,
				ResourceServerConfiguration.JWK_SET_URI_PROPERTY + "=" + realmUrl() + "/protocol/openid-connect/certs");
	}

	@AfterAll
	static void stopApis() {
		if (apis != null) {
			apis.close();
		}
	}

	@BeforeEach
	void clearRecordedRequests() {
		apis.exchanges().clear();
	}

	@Test
	void apiCallWithClientAppTokenSucceeds() {
		starter().run((context) -> {
			WebClient portal = context.getBean(EgainWebClients.class).get(EgainStarter.PORTAL);
			ResponseEntity<Map<String, Object>> response = portal.get()
				.uri(EgainTestClients.PORTALS_PATH)
				.retrieve()
				.toEntity(JSON_OBJECT)
				.block();
			assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
			assertThat(String.valueOf(response.getBody().get("scope"))).contains(EgainTestClients.PORTALMGR_READ,
					EgainTestClients.PORTALMGR_MANAGE);
		});
	}

	@Test
	void apiCallWithAnonymousCustomerTokenSucceeds() {
		starter().run((context) -> {
			WebClient visitor = context.getBean(EgainWebClients.class).get(EgainStarter.VISITOR);
			ResponseEntity<Map<String, Object>> response = visitor.get()
				.uri(EgainTestClients.ANSWERS_PATH)
				.retrieve()
				.toEntity(JSON_OBJECT)
				.block();
			assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
			assertThat(String.valueOf(response.getBody().get("scope")))
				.contains(EgainTestClients.anonymous(EgainTestClients.AISERVICES_READ));
		});
	}

	@Test
	void wrongSecretFailsWithKeycloaksUnauthorizedClientError() {
		starter().withPropertyValues(EgainStarter.client(EgainStarter.PORTAL) + "client-secret=not-the-portal-secret")
			.run((context) -> {
				WebClient portal = context.getBean(EgainWebClients.class).get(EgainStarter.PORTAL);
				assertThatExceptionOfType(EgainClientAuthorizationException.class)
					.isThrownBy(() -> portal.get().uri(EgainTestClients.PORTALS_PATH).retrieve().toBodilessEntity().block())
					.satisfies((ex) -> {
						// Keycloak answers a wrong secret with unauthorized_client, not RFC 6749's invalid_client.
						assertThat(ex.getError().getErrorCode()).isEqualTo("unauthorized_client");
						assertThat(ex.getStatusCode()).isEqualTo(HttpStatusCode.valueOf(401));
						assertThat(ex.getTokenEndpoint()).isEqualTo(tokenUri());
					});
				assertThat(apis.exchanges().all()).isEmpty();
			});
	}

	@Test
	void scopeNotAssignedToTheClientFailsWithKeycloaksInvalidScopeError() {
		starter()
			.withPropertyValues(EgainStarter.client(EgainStarter.VISITOR) + "scopes=" + EgainTestClients.AISERVICES_READ
					+ "," + EgainTestClients.PORTALMGR_MANAGE)
			.run((context) -> {
				WebClient visitor = context.getBean(EgainWebClients.class).get(EgainStarter.VISITOR);
				assertThatExceptionOfType(EgainClientAuthorizationException.class)
					.isThrownBy(() -> visitor.get().uri(EgainTestClients.ANSWERS_PATH).retrieve().toBodilessEntity().block())
					.satisfies((ex) -> {
						assertThat(ex.getError().getErrorCode()).isEqualTo("invalid_scope");
						assertThat(ex.getStatusCode()).isEqualTo(HttpStatusCode.valueOf(400));
					});
			});
	}

	@Test
	void tokenInUseIsRenewedBeforeTheApiRejectsIt() {
		starter().run((context) -> {
			WebClient api = context.getBean(EgainWebClients.class).get(EgainStarter.SHORT_LIVED);
			callPortals(api);
			String first = lastPortalsCall().tokenId();
			await().atMost(SHORT_LIVED_TOKEN_TTL.plusSeconds(2)).pollInterval(POLL_INTERVAL).until(() -> {
				callPortals(api);
				return !lastPortalsCall().tokenId().equals(first);
			});
			String second = lastPortalsCall().tokenId();
			List<RecordedExchange> apiCalls = apis.exchanges().to(EgainTestClients.PORTALS_PATH);
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
			await().atMost(SHORT_LIVED_TOKEN_TTL.plusSeconds(2))
				.pollInterval(POLL_INTERVAL)
				.until(() -> tokens.peek(EgainStarter.SHORT_LIVED) == null && isRejected(first));
			apis.exchanges().clear();
			callPortals(api);
			assertThat(apis.exchanges().to(EgainTestClients.PORTALS_PATH)).singleElement().satisfies((call) -> {
				assertThat(call.status()).isEqualTo(200);
				assertThat(call.bearerToken()).isNotEqualTo(first);
			});
		});
	}

	@Test
	void rejectedTokenIsReplacedAfterTheApiRejectsIt() {
		starter().run((context) -> {
			WebClient api = context.getBean(EgainWebClients.class).get(EgainStarter.PORTAL);
			callPortals(api);
			RecordedExchange firstCall = lastPortalsCall();
			apis.bean(RevokedTokens.class).revoke(firstCall.bearerToken());
			callPortals(api);
			List<RecordedExchange> apiCalls = apis.exchanges().to(EgainTestClients.PORTALS_PATH);
			assertThat(apiCalls).extracting(RecordedExchange::status).containsExactly(200, 401, 200);
			assertThat(apiCalls.get(1).tokenId()).isEqualTo(firstCall.tokenId());
			assertThat(apiCalls.get(2).tokenId()).isNotEqualTo(firstCall.tokenId());
		});
	}

	private static ApplicationContextRunner starter() {
		return EgainStarter.runner()
			.withPropertyValues("egain.auth.api-base-url=" + apis.baseUrl(), "egain.auth.refresh-margin=2s",
					EgainStarter.client(EgainStarter.PORTAL) + "token-uri=" + tokenUri(),
					EgainStarter.client(EgainStarter.PORTAL) + "client-id=" + EgainTestClients.PORTAL_CLIENT_ID,
					EgainStarter.client(EgainStarter.PORTAL) + "client-secret=" + EgainTestClients.PORTAL_CLIENT_SECRET,
					EgainStarter.client(EgainStarter.PORTAL) + "scopes=" + EgainTestClients.PORTALMGR_READ + ","
							+ EgainTestClients.PORTALMGR_MANAGE,
					EgainStarter.client(EgainStarter.VISITOR) + "type=anonymous-customer",
					EgainStarter.client(EgainStarter.VISITOR) + "token-uri=" + tokenUri(),
					EgainStarter.client(EgainStarter.VISITOR) + "tenant-id=" + EgainTestClients.TENANT,
					EgainStarter.client(EgainStarter.VISITOR) + "client-id=" + EgainTestClients.VISITOR_CLIENT_ID,
					EgainStarter.client(EgainStarter.VISITOR) + "client-secret=" + EgainTestClients.VISITOR_CLIENT_SECRET,
					EgainStarter.client(EgainStarter.VISITOR) + "scopes=" + EgainTestClients.AISERVICES_READ,
					EgainStarter.client(EgainStarter.SHORT_LIVED) + "token-uri=" + tokenUri(),
					EgainStarter.client(EgainStarter.SHORT_LIVED) + "client-id="
							+ EgainTestClients.SHORT_LIVED_CLIENT_ID,
					EgainStarter.client(EgainStarter.SHORT_LIVED) + "client-secret="
							+ EgainTestClients.SHORT_LIVED_CLIENT_SECRET,
					EgainStarter.client(EgainStarter.SHORT_LIVED) + "scopes=" + EgainTestClients.PORTALMGR_READ);
	}

	private static String realmUrl() {
		return "http://" + keycloak.getHost() + ":" + keycloak.getMappedPort(8080) + "/realms/" + REALM;
	}

	private static String tokenUri() {
		return realmUrl() + "/protocol/openid-connect/token";
	}

	private static void callPortals(WebClient api) {
		api.get().uri(EgainTestClients.PORTALS_PATH).retrieve().toBodilessEntity().block();
	}

	private static RecordedExchange lastPortalsCall() {
		List<RecordedExchange> apiCalls = apis.exchanges().to(EgainTestClients.PORTALS_PATH);
		return apiCalls.get(apiCalls.size() - 1);
	}

	/**
	 * Whether the API now rejects the given token as expired, asked without the starter.
	 */
	private static boolean isRejected(String token) {
		HttpResponse<String> response = HttpRequests.get(apis.url(EgainTestClients.PORTALS_PATH), token);
		return response.statusCode() == 401 && response.headers()
			.firstValue("WWW-Authenticate")
			.filter((challenge) -> challenge.contains("invalid_token") && challenge.contains("expired"))
			.isPresent();
	}

}
