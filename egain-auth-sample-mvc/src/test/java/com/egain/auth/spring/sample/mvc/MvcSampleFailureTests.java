package com.egain.auth.spring.sample.mvc;

import com.egain.auth.spring.emulator.EgainEmulator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the emulator refuses the {@code portal} client's token request (its secret is
 * wrong here), the sample answers {@code 502} naming the failed token request, and no
 * API call reaches the emulator.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "egain.auth.clients.portal.client-secret=not-the-secret")
class MvcSampleFailureTests {

	@LocalServerPort
	private int port;

	@Autowired
	private EgainEmulator emulator;

	private RestTestClient client;

	@BeforeEach
	void createClient() {
		this.client = RestTestClient.bindToServer().baseUrl("http://127.0.0.1:" + this.port).build();
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
				.doesNotContain("not-the-secret"));
		assertThat(this.emulator.apiCalls()).isEmpty();
	}

}
