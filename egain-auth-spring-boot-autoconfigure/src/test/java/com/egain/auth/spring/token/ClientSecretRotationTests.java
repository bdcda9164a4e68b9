package com.egain.auth.spring.token;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.egain.auth.spring.EgainClient;
import com.egain.auth.spring.EgainClientAuthorizationException;
import com.egain.auth.spring.EgainClientRegistrations;
import com.egain.auth.spring.MutableClock;
import com.egain.auth.spring.TestClients;
import com.egain.auth.spring.credentials.ClientCredentials;
import com.egain.auth.spring.credentials.EgainCredentials;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.security.oauth2.core.OAuth2AccessToken;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * A client whose secret is a file on disk, rotated while it works against a token
 * endpoint on loopback that accepts one secret at a time; time moved by hand.
 */
class ClientSecretRotationTests {

	private static final String OLD_SECRET = "old-secret-4Rk9TqW2";

	private static final String NEW_SECRET = "new-secret-8Lp3VxZ7";

	@RegisterExtension
	WireMockExtension egain = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	@TempDir
	Path directory;

	private final MutableClock clock = new MutableClock(Instant.parse("2026-12-03T10:00:00Z"));

	private Path secretFile;

	private DefaultEgainAccessTokens tokens;

	@BeforeEach
	void setUp() throws IOException {
		this.secretFile = this.directory.resolve("client-secret");
		Files.writeString(this.secretFile, OLD_SECRET + "\n", StandardCharsets.UTF_8);
		EgainClient client = TestClients.clientApp("portal", this.egain.baseUrl());
		ClientCredentials credentials = ClientCredentials.of(client)
			.clientSecretFile("egain.auth.clients.portal.client-secret-file", this.secretFile)
			.clock(this.clock)
			.build();
		this.tokens = new DefaultEgainAccessTokens(new EgainClientRegistrations(List.of(client)),
				TestClients.responseClient(Duration.ofSeconds(5)), new InMemoryEgainTokenStore(),
				Duration.ofSeconds(60), this.clock, this.clock::nanoTime, com.egain.auth.spring.EgainAuthMetrics.NONE,
				io.micrometer.observation.ObservationRegistry.NOOP,
				new EgainCredentials(Map.of("portal", credentials)));
	}

	@Test
	void callsEvery50MillisecondsFor12SecondsAcrossARotationNeverFail() throws Exception {
		accept(OLD_SECRET, 4);
		int failed = 0;
		int oldSecretRequestsTwoSecondsAfterTheFileChanged = -1;
		for (long t = 0; t <= 12_000; t += 50) {
			if (t == 3_000) {
				// eGain now accepts only the new secret.
				this.egain.resetMappings();
				accept(NEW_SECRET, 4);
				refuse(OLD_SECRET);
			}
			if (t == 4_000) {
				// Same length, written in place: only the last-modified time shows the change.
				Files.writeString(this.secretFile, NEW_SECRET + "\n", StandardCharsets.UTF_8);
			}
			if (t == 6_000) {
				oldSecretRequestsTwoSecondsAfterTheFileChanged = requestsWith(OLD_SECRET);
			}
			try {
				this.tokens.get("portal").block(Duration.ofSeconds(5));
			}
			catch (RuntimeException ex) {
				failed++;
			}
			// Lets a background refresh started by this call reach the endpoint before time moves on.
			Thread.sleep(2);
			this.clock.advance(Duration.ofMillis(50));
		}
		assertThat(failed).isZero();
		assertThat(requestsWith(NEW_SECRET)).isGreaterThanOrEqualTo(2);
		assertThat(requestsWith(OLD_SECRET)).isEqualTo(oldSecretRequestsTwoSecondsAfterTheFileChanged);
	}

	@Test
	void aChangedSecretEndsTheCredentialBackoffAtOnce() throws IOException {
		accept(NEW_SECRET, 3600);
		refuse(OLD_SECRET);
		assertThatExceptionOfType(EgainClientAuthorizationException.class).isThrownBy(this::token)
			.satisfies((ex) -> assertThat(ex.getNextAttemptAt()).isAfter(this.clock.instant().plusSeconds(29)));
		assertThatExceptionOfType(EgainClientAuthorizationException.class).isThrownBy(this::token);
		assertThat(requestsWith(OLD_SECRET)).isOne();
		Files.writeString(this.secretFile, NEW_SECRET, StandardCharsets.UTF_8);
		this.clock.advance(Duration.ofMillis(300));
		assertThat(token().getTokenValue()).startsWith("token-for-");
		assertThat(requestsWith(NEW_SECRET)).isOne();
		assertThat(requestsWith(OLD_SECRET)).isOne();
	}

	@Test
	void invalidClientMakesTheClientLookForANewSecretBeforeBackingOff() throws Exception {
		accept(NEW_SECRET, 3600);
		this.egain.stubFor(tokenRequestWith(OLD_SECRET).willReturn(invalidClient().withFixedDelay(500)));
		CompletableFuture<OAuth2AccessToken> call = this.tokens.get("portal").toFuture();
		// The request with the old secret is under way when the secret is rotated.
		await().atMost(Duration.ofSeconds(5)).until(() -> requestsWith(OLD_SECRET) == 1);
		Files.writeString(this.secretFile, NEW_SECRET, StandardCharsets.UTF_8);
		assertThat(call.get(5, TimeUnit.SECONDS).getTokenValue()).startsWith("token-for-");
		assertThat(requestsWith(NEW_SECRET)).isOne();
		assertThat(this.tokens.details("portal").lastFailure()).isNull();
	}

	@Test
	void renewMakesOneTokenRequestEvenWhileAValidTokenIsHeld() {
		accept(OLD_SECRET, 3600);
		OAuth2AccessToken first = token();
		OAuth2AccessToken renewed = this.tokens.renew("portal").block(Duration.ofSeconds(5));
		assertThat(renewed.getTokenValue()).isNotEqualTo(first.getTokenValue());
		assertThat(token().getTokenValue()).isEqualTo(renewed.getTokenValue());
		assertThat(requestsWith(OLD_SECRET)).isEqualTo(2);
	}

	private OAuth2AccessToken token() {
		return this.tokens.get("portal").block(Duration.ofSeconds(5));
	}

	private void accept(String secret, int expiresIn) {
		this.egain.stubFor(tokenRequestWith(secret).willReturn(aResponse().withHeader("Content-Type", "application/json")
			.withBody("{\"access_token\":\"token-for-{{randomValue length=12 type='ALPHANUMERIC'}}\","
					+ "\"token_type\":\"Bearer\",\"expires_in\":" + expiresIn + "}")
			.withTransformers("response-template")));
	}

	private void refuse(String secret) {
		this.egain.stubFor(tokenRequestWith(secret).willReturn(invalidClient()));
	}

	private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder invalidClient() {
		return aResponse().withStatus(401)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\":\"invalid_client\",\"error_description\":\"Invalid client credentials\"}");
	}

	private static MappingBuilder tokenRequestWith(String secret) {
		return post(urlPathEqualTo(TestClients.TOKEN_PATH)).withFormParam("client_secret", equalTo(secret));
	}

	private int requestsWith(String secret) {
		return this.egain
			.findAll(postRequestedFor(urlPathEqualTo(TestClients.TOKEN_PATH))
				.withFormParam("client_secret", equalTo(secret)))
			.size();
	}

}
