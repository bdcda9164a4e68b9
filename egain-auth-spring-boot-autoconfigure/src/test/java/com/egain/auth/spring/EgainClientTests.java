package com.egain.auth.spring;

import java.net.URI;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which hosts count as loopback, the only ones exempt from the https rule: judged on the
 * address, never on how a name begins or ends.
 */
class EgainClientTests {

	@ParameterizedTest
	@ValueSource(strings = { "http://localhost:8080", "http://LOCALHOST", "http://127.0.0.1:9", "http://127.255.0.42",
			"http://[::1]:8080" })
	void loopbackAddressesAreLoopback(String url) {
		assertThat(EgainClient.isLoopbackHost(URI.create(url).getHost())).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://127.corp.example", "http://127.0.0.1.nip.io", "http://localhost.example.com",
			"http://app.localhost", "http://128.0.0.1", "http://10.0.0.1", "http://127.0.0.256", "http://127.0.0",
			"http://127.0.0.1.5", "http://[::2]", "http://[fe80::1]", "http://example.com" })
	void namesAndAddressesOutsideLoopbackAreNot(String url) {
		assertThat(EgainClient.isLoopbackHost(URI.create(url).getHost())).isFalse();
	}

}
