package com.egain.auth.spring;

import java.net.URI;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which hosts count as loopback, the only ones exempt from the https rule: judged on the
 * address, never on how a name begins or ends. How a URL is printed: never with the
 * credentials written into it, whatever its shape.
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

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
			https://svc:s3cr/et@host/system/auth/T-U/oauth2/token | https://***@host/system/auth/T-U/oauth2/token
			https://svc:pa?ss@host/token                         | https://***@host/token
			https://svc:pa#ss@host/token                         | https://***@host/token
			https://svc:p@ss@host/token                          | https://***@host/token
			https://svc:p ss@host with spaces                    | https://***@host with spaces
			https://svc:s%2Fecret@host                           | https://***@host
			https://svc@host                                     | https://***@host
			HTTPS://svc:secret@HOST:8443                         | HTTPS://***@HOST:8443
			https:svc:secret@host/token                          | ***@host/token
			https:/svc:secret@host/token                         | ***@host/token
			https:///svc:secret@host/token                       | https://***@host/token
			svc:secret@host/token                                | ***@host/token
			//svc:secret@host/token                              | ***@host/token
			https://svc:secret@                                  | https://***@
			@host                                                | ***@host
			"  https://svc:secret@host  "                        | https://***@host
			https://host/users/a@b                               | https://***@b
			https://host/system/auth/T-U/oauth2/token            | https://host/system/auth/T-U/oauth2/token
			not a url                                            | not a url
			""")
	void urlIsPrintedWithoutItsCredentials(String url, String printed) {
		assertThat(EgainClient.withoutCredentials(url)).isEqualTo(printed)
			.doesNotContain("svc")
			.doesNotContain("secret")
			.doesNotContain("s3cr")
			.doesNotContain("ss@");
	}

	@Test
	void toStringPrintsNoCredentialsOfItsUrls() {
		ClientRegistration registration = ClientRegistration.withRegistrationId("portal")
			.clientId("id")
			.clientSecret("client-secret-value")
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.tokenUri("https://svc:s3cr/et@ai.egain.cloud/system/auth/T-U/oauth2/token")
			.build();
		EgainClient client = new EgainClient("portal", EgainClientType.CLIENT_APP, null, registration,
				URI.create("https://user:pa55word@api.ai.egain.cloud"), List.of());
		assertThat(client.toString()).contains("tokenUri=https://***@ai.egain.cloud/system/auth/T-U/oauth2/token")
			.contains("baseUrl=https://***@api.ai.egain.cloud")
			.doesNotContain("s3cr")
			.doesNotContain("pa55word")
			.doesNotContain("client-secret-value");
	}

	@Test
	void tokenRequestFailureNamesItsEndpointWithoutCredentials() {
		EgainClientAuthorizationException failure = EgainClientAuthorizationException
			.withError("portal", "https://svc:s3cr/et@ai.egain.cloud/oauth2/token",
					new org.springframework.security.oauth2.core.OAuth2Error("invalid_client"))
			.build();
		assertThat(failure.getMessage()).contains("to https://***@ai.egain.cloud/oauth2/token failed")
			.doesNotContain("s3cr");
		assertThat(failure.getTokenEndpoint()).isEqualTo("https://***@ai.egain.cloud/oauth2/token");
	}

}
