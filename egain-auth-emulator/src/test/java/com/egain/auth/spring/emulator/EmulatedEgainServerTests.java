package com.egain.auth.spring.emulator;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.egain.auth.spring.emulator.EmulatedEgainServer.ApiCall;
import com.egain.auth.spring.emulator.IssuedTokens.IssuedToken;
import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.test.web.servlet.client.RestTestClient.ResponseSpec;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@link EmulatedEgainServer} over real HTTP on 127.0.0.1: it issues tokens for the
 * requests of eGain's client-credentials guide, rejects requests that break it, and
 * serves its APIs only to bearers of the unexpired tokens it issued.
 */
class EmulatedEgainServerTests {

	private static final String ANONYMOUS_QUERY = "?user_type=customer&domain_hint=" + EmulatedEgainServer.TENANT_ID;

	private final MutableClock clock = new MutableClock();

	private EmulatedEgainServer emulator;

	private RestTestClient client;

	@BeforeEach
	void startEmulator() {
		this.emulator = new EmulatedEgainServer(this.clock).start();
		this.client = RestTestClient.bindToServer().baseUrl(this.emulator.baseUrl()).build();
	}

	@AfterEach
	void stopEmulator() {
		this.emulator.close();
	}

	@Test
	void issuesAClientAppTokenForTheGuidesRequest() {
		String token = tokenOf(clientAppTokenRequest(clientAppForm()).expectStatus()
			.isOk()
			.expectHeader()
			.cacheControl(CacheControl.noStore())
			.expectBody()
			.jsonPath("$.token_type")
			.isEqualTo("Bearer")
			.jsonPath("$.expires_in")
			.isEqualTo(300)
			.jsonPath("$.scope")
			.isEqualTo("knowledge.portalmgr.read"));
		IssuedToken issued = this.emulator.tokens().valid(token);
		assertThat(issued.clientId()).isEqualTo("emulator-portal");
		assertThat(issued.anonymous()).isFalse();
		assertThat(issued.scopes()).containsExactly("knowledge.portalmgr.read");
	}

	@Test
	void issuesAnAnonymousCustomerTokenForTheGuidesRequest() {
		String token = tokenOf(anonymousTokenRequest(ANONYMOUS_QUERY, anonymousForm()).expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.token_type")
			.isEqualTo("Bearer")
			.jsonPath("$.expires_in")
			.isEqualTo(300));
		IssuedToken issued = this.emulator.tokens().valid(token);
		assertThat(issued.clientId()).isEqualTo("emulator-visitor");
		assertThat(issued.anonymous()).isTrue();
		assertThat(issued.scopes()).containsExactlyInAnyOrder("core.aiservices.read", "core.aiservices.manage");
	}

	@Test
	void servesAnApiRequestBearingATokenItIssued() {
		String token = clientAppToken();
		this.client.get()
			.uri(EmulatedEgainServer.ARTICLE_SEARCH_PATH + "?q=printer")
			.headers((headers) -> headers.setBearerAuth(token))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.query")
			.isEqualTo("printer")
			.jsonPath("$.articles[1].name")
			.isEqualTo("Troubleshooting printer");
		assertThat(this.emulator.apiCalls())
			.containsExactly(new ApiCall(EmulatedEgainServer.ARTICLE_SEARCH_PATH, "emulator-portal"));
	}

	@Test
	void rejectsAnApiRequestWithoutAToken() {
		this.client.get()
			.uri(EmulatedEgainServer.ARTICLE_SEARCH_PATH + "?q=printer")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.valueMatches("WWW-Authenticate", "Bearer .*");
		assertThat(this.emulator.apiCalls()).isEmpty();
	}

	@Test
	void rejectsAnApiRequestWithATokenItDidNotIssue() {
		searchWith("made-up-token").expectStatus()
			.isUnauthorized()
			.expectBody()
			.jsonPath("$.error")
			.isEqualTo("invalid_token");
		assertThat(this.emulator.apiCalls()).isEmpty();
	}

	@Test
	void rejectsAnApiRequestWithAnExpiredToken() {
		String token = clientAppToken();
		this.clock.advance(EmulatedEgainServer.TOKEN_LIFETIME);
		searchWith(token).expectStatus().isUnauthorized().expectBody().jsonPath("$.error").isEqualTo("invalid_token");
	}

	@Test
	void rejectsAnApiRequestWhoseTokenHasNoneOfTheApisScopes() {
		String token = clientAppToken();
		this.client.get()
			.uri(EmulatedEgainServer.AGENT_DETAILS_PATH + "support-bot")
			.headers((headers) -> headers.setBearerAuth(token))
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectBody()
			.jsonPath("$.error")
			.isEqualTo("insufficient_scope");
	}

	@Test
	void rejectsAWrongClientSecretAsInvalidClient() {
		MultiValueMap<String, String> form = clientAppForm();
		form.set("client_secret", "not-the-secret");
		expectError(clientAppTokenRequest(form), 401, "invalid_client");
	}

	@Test
	void rejectsAnAnonymousScopeWithoutThePrefixAsInvalidScope() {
		MultiValueMap<String, String> form = anonymousForm();
		form.set("scope", "core.aiservices.read");
		expectError(anonymousTokenRequest(ANONYMOUS_QUERY, form), 400, "invalid_scope");
	}

	@Test
	void rejectsAnAnonymousTokenRequestWithoutUserType() {
		expectError(anonymousTokenRequest("?domain_hint=" + EmulatedEgainServer.TENANT_ID, anonymousForm()), 400,
				"invalid_request");
	}

	@Test
	void rejectsAnAnonymousTokenRequestWithoutDomainHint() {
		expectError(anonymousTokenRequest("?user_type=customer", anonymousForm()), 400, "invalid_request");
	}

	@Test
	void rejectsAnAnonymousTokenRequestForAnotherTenant() {
		expectError(anonymousTokenRequest("?user_type=customer&domain_hint=TMOTHER01", anonymousForm()), 400,
				"invalid_request");
	}

	@ParameterizedTest
	@ValueSource(strings = { "grant_type", "client_id", "client_secret", "scope" })
	void rejectsATokenRequestWithoutAFormFieldAsInvalidRequest(String field) {
		MultiValueMap<String, String> form = clientAppForm();
		form.remove(field);
		expectError(clientAppTokenRequest(form), 400, "invalid_request");
	}

	@Test
	void rejectsAGrantTypeOtherThanClientCredentials() {
		MultiValueMap<String, String> form = clientAppForm();
		form.set("grant_type", "password");
		expectError(clientAppTokenRequest(form), 400, "unsupported_grant_type");
	}

	@Test
	void rejectsAScopeNotAssignedToTheClientAsInvalidScope() {
		MultiValueMap<String, String> form = clientAppForm();
		form.set("scope", "core.aiservices.read");
		expectError(clientAppTokenRequest(form), 400, "invalid_scope");
	}

	@Test
	void rejectsATokenRequestThatIsNotFormUrlEncoded() {
		ResponseSpec response = this.client.post()
			.uri(EmulatedEgainServer.CLIENT_APP_TOKEN_PATH)
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.copyOf(clientAppForm().toSingleValueMap()))
			.exchange();
		expectError(response, 400, "invalid_request");
	}

	@Test
	void rejectsATokenRequestThatIsNotPost() {
		expectError(this.client.get().uri(EmulatedEgainServer.CLIENT_APP_TOKEN_PATH).exchange(), 400, "invalid_request");
	}

	@Test
	void countsTheTokenRequestsOfEachClientTheRefusedOnesIncluded() {
		clientAppToken();
		clientAppToken();
		MultiValueMap<String, String> wrongSecret = clientAppForm();
		wrongSecret.set("client_secret", "wrong");
		expectError(clientAppTokenRequest(wrongSecret), 401, "invalid_client");
		anonymousTokenRequest(ANONYMOUS_QUERY, anonymousForm()).expectStatus().isOk();
		assertThat(this.emulator.tokenRequestCount("portal")).isEqualTo(3);
		assertThat(this.emulator.tokenRequestCount("visitor")).isEqualTo(1);
	}

	@Test
	void failsTheTokenRequestsOfOneClientWithTheGivenStatusUntilReset() {
		this.emulator.failTokenRequests("portal", 503);
		expectError(clientAppTokenRequest(clientAppForm()), 503, "temporarily_unavailable");
		anonymousTokenRequest(ANONYMOUS_QUERY, anonymousForm()).expectStatus().isOk();
		this.emulator.reset();
		clientAppToken();
		assertThat(this.emulator.tokenRequestCount("portal")).isEqualTo(1);
	}

	@Test
	void revokedTokensAreRefusedByTheApisAndNewOnesServed() {
		String revoked = clientAppToken();
		this.emulator.revokeTokens("portal");
		searchWith(revoked).expectStatus().isUnauthorized();
		searchWith(clientAppToken()).expectStatus().isOk();
	}

	@Test
	void requestWithoutAValidTokenIsRefusedBeforeAnyStub() {
		this.emulator.api()
			.register(com.github.tomakehurst.wiremock.client.WireMock.get("/stubbed")
				.willReturn(com.github.tomakehurst.wiremock.client.WireMock.ok("stubbed answer")));
		this.client.get().uri("/stubbed").exchange().expectStatus().isUnauthorized();
		this.client.get()
			.uri("/stubbed")
			.headers((headers) -> headers.setBearerAuth("not-issued-here"))
			.exchange()
			.expectStatus()
			.isUnauthorized();
		String token = clientAppToken();
		this.client.get()
			.uri("/stubbed")
			.headers((headers) -> headers.setBearerAuth(token))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.isEqualTo("stubbed answer");
		this.emulator.reset();
		this.client.get()
			.uri("/stubbed")
			.headers((headers) -> headers.setBearerAuth(token))
			.exchange()
			.expectStatus()
			.isNotFound();
	}

	@Test
	void emulatorWithClientsOfItsOwnChecksTheirTenantsPathsAndScopes() {
		EmulatedEgainServer own = EmulatedEgainServer.withoutClients(this.clock)
			.addClient(new DemoClient("partner", false, "TMPRODB88619984", "partner-id", "partner-secret",
					java.util.Set.of("knowledge.portalmgr.manage")), "/system/auth/TMPRODB88619984-U/oauth2/token")
			.addClient(new DemoClient("web", true, "TMPRODB88619984", "web-id", "web-secret",
					java.util.Set.of("core.aiservices.read")), EmulatedEgainServer.ANONYMOUS_TOKEN_PATH)
			.start();
		try {
			RestTestClient ownClient = RestTestClient.bindToServer().baseUrl(own.baseUrl()).build();
			MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
			form.add("grant_type", "client_credentials");
			form.add("scope", "knowledge.portalmgr.manage");
			form.add("client_id", "partner-id");
			form.add("client_secret", "partner-secret");
			ownClient.post()
				.uri("/system/auth/TMPRODB88619984-U/oauth2/token")
				.contentType(MediaType.APPLICATION_FORM_URLENCODED)
				.body(form)
				.exchange()
				.expectStatus()
				.isOk();
			MultiValueMap<String, String> anonymous = new LinkedMultiValueMap<>();
			anonymous.add("grant_type", "client_credentials");
			anonymous.add("scope", EmulatedEgainServer.ANONYMOUS_SCOPE_PREFIX + "core.aiservices.read");
			anonymous.add("client_id", "web-id");
			anonymous.add("client_secret", "web-secret");
			expectError(ownClient.post()
				.uri(EmulatedEgainServer.ANONYMOUS_TOKEN_PATH + "?user_type=customer&domain_hint=" + EmulatedEgainServer.TENANT_ID)
				.contentType(MediaType.APPLICATION_FORM_URLENCODED)
				.body(anonymous)
				.exchange(), 400, "invalid_request");
			ownClient.post()
				.uri(EmulatedEgainServer.ANONYMOUS_TOKEN_PATH + "?user_type=customer&domain_hint=TMPRODB88619984")
				.contentType(MediaType.APPLICATION_FORM_URLENCODED)
				.body(anonymous)
				.exchange()
				.expectStatus()
				.isOk();
			ownClient.get().uri(EmulatedEgainServer.ARTICLE_SEARCH_PATH + "?q=x").exchange().expectStatus().isUnauthorized();
			assertThat(own.tokenRequestCount("partner")).isEqualTo(1);
			assertThat(own.tokenRequestCount("web")).isEqualTo(2);
		}
		finally {
			own.close();
		}
	}

	private MultiValueMap<String, String> clientAppForm() {
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		form.add("grant_type", "client_credentials");
		form.add("scope", "knowledge.portalmgr.read");
		form.add("client_id", this.emulator.portalClient().clientId());
		form.add("client_secret", this.emulator.portalClient().clientSecret());
		return form;
	}

	private MultiValueMap<String, String> anonymousForm() {
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		form.add("grant_type", "client_credentials");
		form.add("client_id", this.emulator.visitorClient().clientId());
		form.add("client_secret", this.emulator.visitorClient().clientSecret());
		form.add("scope", EmulatedEgainServer.ANONYMOUS_SCOPE_PREFIX + "core.aiservices.read "
				+ EmulatedEgainServer.ANONYMOUS_SCOPE_PREFIX + "core.aiservices.manage");
		return form;
	}

	private ResponseSpec clientAppTokenRequest(MultiValueMap<String, String> form) {
		return this.client.post()
			.uri(EmulatedEgainServer.CLIENT_APP_TOKEN_PATH)
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.body(form)
			.exchange();
	}

	private ResponseSpec anonymousTokenRequest(String query, MultiValueMap<String, String> form) {
		return this.client.post()
			.uri(EmulatedEgainServer.ANONYMOUS_TOKEN_PATH + query)
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.body(form)
			.exchange();
	}

	private String clientAppToken() {
		return tokenOf(clientAppTokenRequest(clientAppForm()).expectStatus().isOk().expectBody());
	}

	private static String tokenOf(RestTestClient.BodyContentSpec body) {
		byte[] json = body.returnResult().getResponseBodyContent();
		return JsonPath.read(new String(json, StandardCharsets.UTF_8), "$.access_token");
	}

	private ResponseSpec searchWith(String token) {
		return this.client.get()
			.uri(EmulatedEgainServer.ARTICLE_SEARCH_PATH + "?q=printer")
			.headers((headers) -> headers.setBearerAuth(token))
			.exchange();
	}

	private static void expectError(ResponseSpec response, int status, String error) {
		response.expectStatus()
			.isEqualTo(status)
			.expectBody()
			.jsonPath("$.error")
			.isEqualTo(error)
			.jsonPath("$.error_description")
			.isNotEmpty()
			.jsonPath("$.access_token")
			.doesNotExist();
	}

}
