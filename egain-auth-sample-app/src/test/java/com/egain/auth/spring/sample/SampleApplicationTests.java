package com.egain.auth.spring.sample;

import java.nio.charset.StandardCharsets;

import com.egain.auth.spring.emulator.EmulatedEgainServer;
import com.egain.auth.spring.emulator.EmulatedEgainServer.ApiCall;
import com.egain.auth.spring.emulator.IssuedTokens.IssuedToken;
import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.CacheControl;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample application in emulator mode, called over HTTP: its endpoints return what
 * the eGain emulator served to the tokens it issued to the sample's two clients.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("emulator")
class SampleApplicationTests {

	@LocalServerPort
	private int port;

	@Autowired
	private EmulatedEgainServer emulator;

	private WebTestClient client;

	@BeforeEach
	void createClient() {
		this.client = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + this.port).build();
	}

	@Test
	void articlesReturnsTheEmulatorsSearchResultsForTheQuery() {
		this.client.get()
			.uri("/articles?q={q}", "password reset")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.query")
			.isEqualTo("password reset")
			.jsonPath("$.articles[0].name")
			.isEqualTo("Getting started with password reset")
			.jsonPath("$.totalCount")
			.isEqualTo(2);
	}

	@Test
	void articleSearchCarriesATokenTheEmulatorIssuedToThePortalClient() {
		this.client.get().uri("/articles?q=printer").exchange().expectStatus().isOk();
		assertThat(this.emulator.apiCalls())
			.contains(new ApiCall(EmulatedEgainServer.ARTICLE_SEARCH_PATH, this.emulator.portalClient().clientId()));
	}

	@Test
	void agentDetailsComeThroughATokenTheEmulatorIssuedToTheVisitorClient() {
		this.client.get()
			.uri("/agents/support-bot")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.agentId")
			.isEqualTo("support-bot");
		String visitorClientId = this.emulator.visitorClient().clientId();
		assertThat(this.emulator.apiCalls())
			.contains(new ApiCall(EmulatedEgainServer.AGENT_DETAILS_PATH + "support-bot", visitorClientId));
	}

	@Test
	void widgetTokenIsAnUnexpiredAnonymousCustomerTokenIssuedByTheEmulator() {
		byte[] json = this.client.get()
			.uri("/widget-token")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.cacheControl(CacheControl.noStore())
			.expectBody()
			.jsonPath("$.token_type")
			.isEqualTo("Bearer")
			.jsonPath("$.expires_in")
			.value(Integer.class, (expiresIn) -> assertThat(expiresIn).isBetween(1, 300))
			.jsonPath("$.expires_at")
			.isNotEmpty()
			.returnResult()
			.getResponseBodyContent();
		String accessToken = JsonPath.read(new String(json, StandardCharsets.UTF_8), "$.access_token");
		IssuedToken issued = this.emulator.tokens().valid(accessToken);
		assertThat(issued).isNotNull();
		assertThat(issued.anonymous()).isTrue();
		assertThat(issued.clientId()).isEqualTo(this.emulator.visitorClient().clientId());
		assertThat(issued.scopes()).containsExactly("core.aiservices.read");
	}

}
