package com.egain.auth.spring.token.redis;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.egain.auth.spring.EgainAuthMetrics;
import com.egain.auth.spring.EgainClient;
import com.egain.auth.spring.EgainClientRegistrations;
import com.egain.auth.spring.RedisServer;
import com.egain.auth.spring.TestClients;
import com.egain.auth.spring.credentials.ClientCredentials;
import com.egain.auth.spring.credentials.EgainCredentials;
import com.egain.auth.spring.endpoint.EgainTokenResponseClient;
import com.egain.auth.spring.token.DefaultEgainAccessTokens;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Instances sharing tokens through a real Redis while the client secret is rotated: the
 * instances on the old secret and those on the new one each take only the tokens their
 * own secret obtained.
 */
class RedisStoreRotationTests {

	private static final String OLD_SECRET = "old-fleet-secret-Hs72";

	private static final String NEW_SECRET = "new-fleet-secret-Pd49";

	@RegisterExtension
	static final RedisServer redis = new RedisServer();

	@RegisterExtension
	WireMockExtension egain = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	@TempDir
	Path directory;

	private final List<AutoCloseable> closeables = new ArrayList<>();

	private int instances;

	@BeforeEach
	void stubEgain() {
		// During the rotation eGain accepts both secrets; each token names the secret that obtained it.
		stub(OLD_SECRET, "old");
		stub(NEW_SECRET, "new");
	}

	@AfterEach
	void close() throws Exception {
		for (AutoCloseable closeable : this.closeables) {
			closeable.close();
		}
	}

	@Test
	void instancesOnTheOldAndOnTheNewSecretEachTakeTheTokenTheirOwnSecretObtained() throws Exception {
		DefaultEgainAccessTokens oldInstance = instance(OLD_SECRET).tokens;
		DefaultEgainAccessTokens newInstance = instance(NEW_SECRET).tokens;
		assertThat(token(oldInstance)).startsWith("old-");
		assertThat(token(newInstance)).startsWith("new-");
		assertThat(token(instance(OLD_SECRET).tokens)).startsWith("old-");
		assertThat(token(instance(NEW_SECRET).tokens)).startsWith("new-");
		assertThat(requestsWith(OLD_SECRET)).isOne();
		assertThat(requestsWith(NEW_SECRET)).isOne();
	}

	@Test
	void anInstanceWhoseSecretFileChangesStoresItsNewTokenWhereOnlyTheNewSecretFindsIt() throws Exception {
		Instance rotating = instance(OLD_SECRET);
		String oldToken = token(rotating.tokens);
		assertThat(token(instance(OLD_SECRET).tokens)).isEqualTo(oldToken);
		Files.writeString(rotating.secretFile, NEW_SECRET + "\n");
		String newToken = rotating.tokens.renew("portal").block(Duration.ofSeconds(10)).getTokenValue();
		assertThat(newToken).startsWith("new-");
		// Still on the old secret: the old token, never the one the new secret obtained.
		assertThat(token(instance(OLD_SECRET).tokens)).isEqualTo(oldToken);
		// Already on the new secret: the new token, without a request of its own.
		assertThat(token(instance(NEW_SECRET).tokens)).isEqualTo(newToken);
		assertThat(requestsWith(OLD_SECRET)).isOne();
		assertThat(requestsWith(NEW_SECRET)).isOne();
	}

	private static String token(DefaultEgainAccessTokens tokens) {
		return tokens.get("portal").block(Duration.ofSeconds(10)).getTokenValue();
	}

	private Instance instance(String secret) throws Exception {
		Path secretFile = Files.writeString(this.directory.resolve("secret-" + (++this.instances)), secret);
		LettuceConnectionFactory connectionFactory = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration(redis.host(), redis.port()));
		connectionFactory.afterPropertiesSet();
		connectionFactory.start();
		this.closeables.add(connectionFactory::destroy);
		EgainClient client = TestClients.clientApp("portal", this.egain.baseUrl());
		EgainCredentials credentials = new EgainCredentials(Map.of("portal", ClientCredentials.of(client)
			.clientSecretFile("egain.auth.clients.portal.client-secret-file", secretFile)
			.build()));
		EgainTokenResponseClient responseClient = TestClients.responseClient(Duration.ofSeconds(5));
		this.closeables.add(responseClient);
		RedisEgainTokenStore store = new RedisEgainTokenStore(connectionFactory, credentials, "egain:auth:",
				Duration.ofMillis(500), Duration.ofSeconds(5), EgainAuthMetrics.NONE);
		this.closeables.add(store);
		DefaultEgainAccessTokens tokens = new DefaultEgainAccessTokens(
				new EgainClientRegistrations(List.of(client)), responseClient, store, Duration.ofSeconds(60),
				Clock.systemUTC(), System::nanoTime, EgainAuthMetrics.NONE, ObservationRegistry.NOOP, credentials);
		return new Instance(tokens, secretFile);
	}

	private void stub(String secret, String prefix) {
		this.egain.stubFor(post(urlPathEqualTo(TestClients.TOKEN_PATH)).withFormParam("client_secret", equalTo(secret))
			.willReturn(okJson("{\"access_token\":\"" + prefix + "-{{randomValue length=16 type='ALPHANUMERIC'}}\","
					+ "\"token_type\":\"Bearer\",\"expires_in\":3600}")
				.withTransformers("response-template")));
	}

	private int requestsWith(String secret) {
		return this.egain
			.findAll(postRequestedFor(urlPathEqualTo(TestClients.TOKEN_PATH)).withFormParam("client_secret",
					equalTo(secret)))
			.size();
	}

	private record Instance(DefaultEgainAccessTokens tokens, Path secretFile) {
	}

}
