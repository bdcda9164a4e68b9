package com.egain.auth.spring.sample;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.WebFilterChainProxy;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Adding the starter leaves the application's own security as it was: the sample has no
 * Spring Security configuration, so its endpoints stay open, although the starter brings
 * Spring Security's OAuth2 client classes onto the classpath.
 */
@ExtendWith(OutputCaptureExtension.class)
class SampleApplicationSecurityTests {

	@Test
	void ownEndpointAnswersWithoutCredentials() {
		try (RunningSample sample = RunningSample.withEmulator()) {
			sample.client()
				.get()
				.uri("/hello")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody(String.class)
				.isEqualTo("Hello from the eGain sample app");
		}
	}

	@Test
	void noSecurityWebFilterChainIsDefined() {
		try (RunningSample sample = RunningSample.withEmulator()) {
			assertThat(sample.context().getBeanNamesForType(SecurityWebFilterChain.class)).isEmpty();
			assertThat(sample.context().getBeanNamesForType(WebFilterChainProxy.class)).isEmpty();
		}
	}

	@Test
	void noGeneratedPasswordIsLogged(CapturedOutput output) {
		try (RunningSample sample = RunningSample.withEmulator()) {
			assertThat(output).contains("Netty started on port")
				.doesNotContainIgnoringCase("generated security password");
		}
	}

}
