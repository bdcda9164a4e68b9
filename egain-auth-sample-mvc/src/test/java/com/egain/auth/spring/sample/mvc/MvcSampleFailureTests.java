package com.egain.auth.spring.sample.mvc;

import com.egain.auth.spring.emulator.EmulatedEgainServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the emulator refuses the {@code portal} client's token request
 * ({@code 401 invalid_client}, as for a wrong secret), the sample answers {@code 502}
 * naming the failed token request, without the secret, and no API call reaches the
 * emulator. (A wrong secret set as a property would keep the emulator off: it never
 * stands in for a client that has credentials.)
 */
// A context of its own, whose portal client has no token yet.
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "spring.application.name=egain-auth-sample-mvc-failures")
@ActiveProfiles("emulator")
class MvcSampleFailureTests {

	@LocalServerPort
	private int port;

	@Autowired
	private EmulatedEgainServer emulator;

	private RestTestClient client;

	@BeforeEach
	void createClientAndRefuseThePortalClient() {
		this.client = RestTestClient.bindToServer().baseUrl("http://127.0.0.1:" + this.port).build();
		this.emulator.failTokenRequests("portal", 401);
	}

	@AfterEach
	void resetEmulator() {
		this.emulator.reset();
	}

	@Test
	void refusedTokenRequestAnswersBadGateway() {
		this.client.get()
			.uri("/articles?q=printer")
			.exchange()
			.expectStatus()
			.isEqualTo(502)
			.expectBody()
			.jsonPath("$.error")
			.isEqualTo("egain_token_request_failed")
			.jsonPath("$.message")
			.value(String.class, (message) -> assertThat(message).contains("invalid_client")
				.doesNotContain(this.emulator.portalClient().clientSecret()));
		assertThat(this.emulator.apiCalls()).isEmpty();
	}

}
