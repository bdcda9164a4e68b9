package com.egain.auth.spring.interop;

import java.util.Map;

import com.egain.auth.spring.EgainClientAuthorizationException;
import com.egain.auth.spring.EgainWebClients;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.BeanFactoryAnnotationUtils;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The anonymous-customer flow against Spring Authorization Server: the starter takes a
 * token from {@code /core/authmgr/v3/oauth2/v2.0/anonymous/token} with
 * {@code user_type=customer}, {@code domain_hint=<TENANT>} and prefixed scopes, and its
 * pre-authorized WebClient calls an API that verifies it.
 */
class AnonymousCustomerFlowTests {

	@RegisterExtension
	static final InJvmAuthorizationServer server = new InJvmAuthorizationServer();

	private static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT = new ParameterizedTypeReference<>() {
	};

	@Test
	void apiCallWithAnonymousCustomerTokenSucceeds() {
		server.starter().run((context) -> {
			WebClient visitor = BeanFactoryAnnotationUtils.qualifiedBeanOfType(context.getBeanFactory(),
					WebClient.class, EgainStarter.VISITOR);
			ResponseEntity<Map<String, Object>> response = visitor.get()
				.uri(EgainTestClients.ANSWERS_PATH)
				.retrieve()
				.toEntity(JSON_OBJECT)
				.block();
			assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
			assertThat(response.getBody()).containsEntry("subject", EgainTestClients.VISITOR_CLIENT_ID);
			assertThat(response.getBody().get("scope")).asInstanceOf(InstanceOfAssertFactories.LIST)
				.containsExactly(EgainTestClients.anonymous(EgainTestClients.AISERVICES_READ));
			assertThat(server.exchanges().to(EgainTestClients.ANONYMOUS_TOKEN_PATH)).singleElement()
				.satisfies((tokenRequest) -> {
					assertThat(tokenRequest.status()).isEqualTo(200);
					assertThat(tokenRequest.query())
						.isEqualTo("user_type=customer&domain_hint=" + EgainTestClients.TENANT);
					assertThat(tokenRequest.clientId()).isEqualTo(EgainTestClients.VISITOR_CLIENT_ID);
					assertThat(tokenRequest.authorization()).isNull();
				});
		});
	}

	@Test
	void wrongSecretFailsWithTheServersInvalidClientError() {
		server.starter()
			.withPropertyValues(EgainStarter.client(EgainStarter.VISITOR) + "client-secret=not-the-visitor-secret")
			.run((context) -> {
				WebClient visitor = context.getBean(EgainWebClients.class).get(EgainStarter.VISITOR);
				assertThatExceptionOfType(EgainClientAuthorizationException.class)
					.isThrownBy(() -> visitor.get().uri(EgainTestClients.ANSWERS_PATH).retrieve().toBodilessEntity().block())
					.satisfies((ex) -> {
						assertThat(ex.getError().getErrorCode()).isEqualTo("invalid_client");
						assertThat(ex.getStatusCode()).isEqualTo(HttpStatusCode.valueOf(401));
						assertThat(ex.getClientName()).isEqualTo(EgainStarter.VISITOR);
						assertThat(ex.getTokenEndpoint()).isEqualTo(server.url(EgainTestClients.ANONYMOUS_TOKEN_PATH));
					});
				assertThat(server.exchanges().to(EgainTestClients.ANSWERS_PATH)).isEmpty();
			});
	}

	@Test
	void scopeNotAssignedToTheClientFailsWithTheServersInvalidScopeError() {
		server.starter()
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
	void tenantOtherThanTheServersFailsWithInvalidRequest() {
		server.starter()
			.withPropertyValues(EgainStarter.client(EgainStarter.VISITOR) + "tenant-id=TMSOMEONEELSE01")
			.run((context) -> {
				WebClient visitor = context.getBean(EgainWebClients.class).get(EgainStarter.VISITOR);
				assertThatExceptionOfType(EgainClientAuthorizationException.class)
					.isThrownBy(() -> visitor.get().uri(EgainTestClients.ANSWERS_PATH).retrieve().toBodilessEntity().block())
					.satisfies((ex) -> {
						assertThat(ex.getError().getErrorCode()).isEqualTo("invalid_request");
						assertThat(ex.getStatusCode()).isEqualTo(HttpStatusCode.valueOf(400));
						assertThat(ex.getTokenEndpoint()).isEqualTo(server.url(EgainTestClients.ANONYMOUS_TOKEN_PATH));
					});
			});
	}

}
