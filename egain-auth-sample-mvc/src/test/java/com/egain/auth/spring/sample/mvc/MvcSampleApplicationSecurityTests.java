package com.egain.auth.spring.sample.mvc;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Adding the starter leaves the MVC application's own security as it was: the sample has
 * no Spring Security configuration, so its endpoints stay open, although the starter
 * brings Spring Security's OAuth2 client classes onto the classpath.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("emulator")
class MvcSampleApplicationSecurityTests {

	@LocalServerPort
	private int port;

	@Autowired
	private ApplicationContext context;

	@Test
	void ownEndpointAnswersWithoutCredentials() {
		RestTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + this.port)
			.build()
			.get()
			.uri("/hello")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.isEqualTo("Hello from the eGain MVC sample app");
	}

	@Test
	void noSecurityFilterChainIsDefined() {
		assertThat(this.context.getBeanNamesForType(SecurityFilterChain.class)).isEmpty();
		assertThat(this.context.containsBean("springSecurityFilterChain")).isFalse();
	}

}
