package com.egain.auth.spring.interop;

import java.util.Map;

import com.egain.auth.spring.EgainClientAuthorizationException;
import com.egain.auth.spring.EgainWebClients;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The client-app flow against Spring Authorization Server: the starter takes a token from
 * {@code /system/auth/<TENANT>-U/oauth2/token} and its pre-authorized WebClient calls an
 * API that verifies it.
 */
class ClientAppFlowTests {

	@RegisterExtension
	static final InJvmAuthorizationServer server = new InJvmAuthorizationServer();

	private static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT = new ParameterizedTypeReference<>() {
	};

	@Test
	void apiCallWithClientAppTokenSucceeds() {
		server.starter().run((context) -> {
			WebClient portal = context.getBean(EgainWebClients.class).get(EgainStarter.PORTAL);
			ResponseEntity<Map<String, Object>> response = portal.get()
				.uri(EgainTestClients.PORTALS_PATH)
				.retrieve()
				.toEntity(JSON_OBJECT)
				.block();
			assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
			assertThat(response.getBody()).containsEntry("subject", EgainTestClients.PORTAL_CLIENT_ID);
			assertThat(response.getBody().get("scope")).asInstanceOf(InstanceOfAssertFactories.LIST)
				.containsExactlyInAnyOrder(EgainTestClients.PORTALMGR_READ, EgainTestClients.PORTALMGR_MANAGE);
			assertThat(server.exchanges().to(EgainTestClients.CLIENT_APP_TOKEN_PATH)).singleElement()
				.satisfies((tokenRequest) -> {
					assertThat(tokenRequest.status()).isEqualTo(200);
					assertThat(tokenRequest.clientId()).isEqualTo(EgainTestClients.PORTAL_CLIENT_ID);
					assertThat(tokenRequest.authorization()).isNull();
				});
		});
	}

	@Test
	void tokenIsReusedForFurtherApiCalls() {
		server.starter().run((context) -> {
			WebClient portal = context.getBean(EgainWebClients.class).get(EgainStarter.PORTAL);
			for (int i = 0; i < 3; i++) {
				portal.get().uri(EgainTestClients.PORTALS_PATH).retrieve().toBodilessEntity().block();
			}
			assertThat(server.exchanges().to(EgainTestClients.PORTALS_PATH)).hasSize(3)
				.allSatisfy((call) -> assertThat(call.status()).isEqualTo(200));
			assertThat(server.exchanges().to(EgainTestClients.CLIENT_APP_TOKEN_PATH)).hasSize(1);
		});
	}

	@Test
	void wrongSecretFailsWithTheServersInvalidClientError() {
		String wrongSecret = "not-the-portal-secret-91d3";
		server.starter()
			.withPropertyValues(EgainStarter.client(EgainStarter.PORTAL) + "client-secret=" + wrongSecret)
			.run((context) -> {
				WebClient portal = context.getBean(EgainWebClients.class).get(EgainStarter.PORTAL);
				assertThatExceptionOfType(EgainClientAuthorizationException.class)
					.isThrownBy(() -> portal.get().uri(EgainTestClients.PORTALS_PATH).retrieve().toBodilessEntity().block())
					.satisfies((ex) -> {
						assertThat(ex.getError().getErrorCode()).isEqualTo("invalid_client");
						assertThat(ex.getStatusCode()).isEqualTo(HttpStatusCode.valueOf(401));
						assertThat(ex.getClientName()).isEqualTo(EgainStarter.PORTAL);
						assertThat(ex.getTokenEndpoint()).isEqualTo(server.url(EgainTestClients.CLIENT_APP_TOKEN_PATH));
						assertThat(ex.getMessage()).doesNotContain(wrongSecret);
					});
				assertThat(server.exchanges().to(EgainTestClients.PORTALS_PATH)).isEmpty();
			});
	}

	@Test
	void scopeNotAssignedToTheClientFailsWithTheServersInvalidScopeError() {
		server.starter()
			.withPropertyValues(EgainStarter.client(EgainStarter.PORTAL) + "scopes=" + EgainTestClients.PORTALMGR_READ
					+ "," + EgainTestClients.AISERVICES_MANAGE)
			.run((context) -> {
				WebClient portal = context.getBean(EgainWebClients.class).get(EgainStarter.PORTAL);
				assertThatExceptionOfType(EgainClientAuthorizationException.class)
					.isThrownBy(() -> portal.get().uri(EgainTestClients.PORTALS_PATH).retrieve().toBodilessEntity().block())
					.satisfies((ex) -> {
						assertThat(ex.getError().getErrorCode()).isEqualTo("invalid_scope");
						assertThat(ex.getStatusCode()).isEqualTo(HttpStatusCode.valueOf(400));
					});
				assertThat(server.exchanges().to(EgainTestClients.PORTALS_PATH)).isEmpty();
			});
	}

}
