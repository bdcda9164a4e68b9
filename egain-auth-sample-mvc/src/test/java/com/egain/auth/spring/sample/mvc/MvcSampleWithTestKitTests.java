package com.egain.auth.spring.sample.mvc;

import com.egain.auth.spring.test.AutoConfigureEgainEmulator;
import com.egain.auth.spring.test.EgainEmulator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.servlet.client.RestTestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The MVC sample tested as its developers would, with the test kit: its HTTP service
 * interface (group {@code portal}) and its {@code visitor} RestClient against an emulated
 * eGain whose API answers the test stubs.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureEgainEmulator
class MvcSampleWithTestKitTests {

	@LocalServerPort
	private int port;

	@Autowired
	private EgainEmulator emulator;

	private RestTestClient client;

	@BeforeEach
	void stubTheApis() {
		this.client = RestTestClient.bindToServer().baseUrl("http://127.0.0.1:" + this.port).build();
		this.emulator.api()
			.register(get(urlPathEqualTo("/knowledge/portalmgr/v4/articles/search"))
				.willReturn(okJson("{\"query\":\"printer\",\"articles\":[],\"totalCount\":0}")));
		this.emulator.api()
			.register(get(urlPathEqualTo("/core/aiservices/v4/aiagent/details/agent/bot"))
				.willReturn(okJson("{\"agentId\":\"bot\",\"name\":\"Stubbed bot\"}")));
	}

	@Test
	void articlesComeFromTheStubThroughTheHttpServiceGroup() {
		this.client.get().uri("/articles?q=printer").exchange().expectStatus().isOk().expectBody()
			.jsonPath("$.totalCount")
			.isEqualTo(0);
		assertThat(this.emulator.tokenRequestCount("portal")).isEqualTo(1);
	}

	@Test
	void agentComesFromTheStubThroughTheVisitorRestClient() {
		this.client.get().uri("/agents/bot").exchange().expectStatus().isOk().expectBody()
			.jsonPath("$.name")
			.isEqualTo("Stubbed bot");
		assertThat(this.emulator.tokenRequestCount("visitor")).isEqualTo(1);
	}

	@Test
	void revokedTokenIsRenewedAndTheCallStillSucceeds() {
		this.client.get().uri("/articles?q=printer").exchange().expectStatus().isOk();
		this.emulator.revokeTokens("portal");
		this.client.get().uri("/articles?q=printer").exchange().expectStatus().isOk();
		assertThat(this.emulator.tokenRequestCount("portal")).isEqualTo(2);
	}

	@Test
	void failingTokenEndpointGivesTheSamplesBadGateway() {
		this.emulator.failTokenRequests("portal", 401);
		this.client.get().uri("/articles?q=printer").exchange().expectStatus().isEqualTo(502).expectBody()
			.jsonPath("$.error")
			.isEqualTo("egain_token_request_failed");
	}

}
