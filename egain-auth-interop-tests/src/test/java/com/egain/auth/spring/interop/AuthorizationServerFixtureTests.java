package com.egain.auth.spring.interop;

import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The in-JVM authorization server and APIs are as strict as the tests need them to be:
 * without the starter, plain requests show that the token endpoints accept only
 * {@code client_secret_post}, that the anonymous endpoint requires its query parameters
 * and prefixed scopes, and that the APIs check a token's signature and scope.
 */
class AuthorizationServerFixtureTests {

	@RegisterExtension
	static final InJvmAuthorizationServer server = new InJvmAuthorizationServer();

	private static final JsonMapper json = JsonMapper.builder().build();

	@Test
	void tokenEndpointIssuesTokenForClientSecretPost() {
		HttpResponse<String> response = HttpRequests.postForm(server.url(EgainTestClients.CLIENT_APP_TOKEN_PATH),
				portalForm(true), null);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(body(response)).containsEntry("token_type", "Bearer").containsKey("access_token");
	}

	@Test
	void tokenEndpointRejectsClientSecretBasic() {
		String basic = "Basic " + Base64.getEncoder()
			.encodeToString((EgainTestClients.PORTAL_CLIENT_ID + ":" + EgainTestClients.PORTAL_CLIENT_SECRET).getBytes());
		HttpResponse<String> response = HttpRequests.postForm(server.url(EgainTestClients.CLIENT_APP_TOKEN_PATH),
				portalForm(false), basic);
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(body(response)).containsEntry("error", "invalid_client");
	}

	@Test
	void anonymousTokenEndpointIssuesTokenWithItsQueryParameters() {
		HttpResponse<String> response = HttpRequests.postForm(
				server.url(EgainTestClients.ANONYMOUS_TOKEN_PATH + "?user_type=customer&domain_hint="
						+ EgainTestClients.TENANT),
				visitorForm(EgainTestClients.anonymous(EgainTestClients.AISERVICES_READ)), null);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(body(response)).containsKey("access_token");
	}

	@Test
	void anonymousTokenEndpointRequiresUserTypeCustomer() {
		HttpResponse<String> response = HttpRequests.postForm(
				server.url(EgainTestClients.ANONYMOUS_TOKEN_PATH + "?domain_hint=" + EgainTestClients.TENANT),
				visitorForm(EgainTestClients.anonymous(EgainTestClients.AISERVICES_READ)), null);
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(body(response)).containsEntry("error", "invalid_request");
	}

	@Test
	void anonymousTokenEndpointRequiresTheTenantAsDomainHint() {
		HttpResponse<String> response = HttpRequests.postForm(
				server.url(EgainTestClients.ANONYMOUS_TOKEN_PATH + "?user_type=customer&domain_hint=OTHERTENANT"),
				visitorForm(EgainTestClients.anonymous(EgainTestClients.AISERVICES_READ)), null);
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(body(response)).containsEntry("error", "invalid_request");
	}

	@Test
	void anonymousTokenEndpointRejectsUnprefixedScope() {
		HttpResponse<String> response = HttpRequests.postForm(
				server.url(EgainTestClients.ANONYMOUS_TOKEN_PATH + "?user_type=customer&domain_hint="
						+ EgainTestClients.TENANT),
				visitorForm(EgainTestClients.AISERVICES_READ), null);
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(body(response)).containsEntry("error", "invalid_scope");
	}

	@Test
	void apiRejectsRequestWithoutToken() {
		HttpResponse<String> response = HttpRequests.get(server.url(EgainTestClients.PORTALS_PATH), null);
		assertThat(response.statusCode()).isEqualTo(401);
	}

	@Test
	void apiRejectsTokenWithoutItsScope() {
		Map<String, String> form = portalForm(true);
		form.put("scope", EgainTestClients.PORTALMGR_MANAGE);
		String token = (String) body(
				HttpRequests.postForm(server.url(EgainTestClients.CLIENT_APP_TOKEN_PATH), form, null))
			.get("access_token");
		HttpResponse<String> response = HttpRequests.get(server.url(EgainTestClients.PORTALS_PATH), token);
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
				(challenge) -> assertThat(challenge).contains("insufficient_scope"));
	}

	@Test
	void apiRejectsTokenSignedWithAnotherKey() throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048);
		KeyPair keyPair = generator.generateKeyPair();
		RSAKey otherKey = new RSAKey.Builder((RSAPublicKey) keyPair.getPublic())
			.privateKey((RSAPrivateKey) keyPair.getPrivate())
			.keyID("not-the-servers-key")
			.build();
		JwtClaimsSet claims = JwtClaimsSet.builder()
			.subject(EgainTestClients.PORTAL_CLIENT_ID)
			.issuedAt(Instant.now())
			.expiresAt(Instant.now().plusSeconds(300))
			.claim("scope", List.of(EgainTestClients.PORTALMGR_READ))
			.build();
		String forged = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(otherKey)))
			.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).build(), claims))
			.getTokenValue();
		HttpResponse<String> response = HttpRequests.get(server.url(EgainTestClients.PORTALS_PATH), forged);
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
				(challenge) -> assertThat(challenge).contains("invalid_token"));
	}

	private static Map<String, String> portalForm(boolean withCredentials) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("grant_type", "client_credentials");
		form.put("scope", EgainTestClients.PORTALMGR_READ);
		if (withCredentials) {
			form.put("client_id", EgainTestClients.PORTAL_CLIENT_ID);
			form.put("client_secret", EgainTestClients.PORTAL_CLIENT_SECRET);
		}
		return form;
	}

	private static Map<String, String> visitorForm(String scope) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("grant_type", "client_credentials");
		form.put("scope", scope);
		form.put("client_id", EgainTestClients.VISITOR_CLIENT_ID);
		form.put("client_secret", EgainTestClients.VISITOR_CLIENT_SECRET);
		return form;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> body(HttpResponse<String> response) {
		return json.readValue(response.body(), Map.class);
	}

}
