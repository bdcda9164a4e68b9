package com.egain.auth.spring.token.redis;

import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.egain.auth.spring.EgainAccessTokens;
import com.egain.auth.spring.EgainAuthMetrics;
import com.egain.auth.spring.EgainClient;
import com.egain.auth.spring.EgainClientRegistrations;
import com.egain.auth.spring.FleetEgain;
import com.egain.auth.spring.LogCapture;
import com.egain.auth.spring.RedisServer;
import com.egain.auth.spring.TestClients;
import com.egain.auth.spring.endpoint.EgainTokenResponseClient;
import com.egain.auth.spring.token.DefaultEgainAccessTokens;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.OAuth2AccessToken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * The Redis token store on a real Redis, one {@link EgainAccessTokens} per instance: what
 * Redis holds, who may read it, the lock and its lease, and Redis being away.
 */
class RedisEgainTokenStoreTests {

	@RegisterExtension
	static final RedisServer redis = new RedisServer();

	private final List<AutoCloseable> closeables = new ArrayList<>();

	private FleetEgain egain;

	private final AtomicInteger outages = new AtomicInteger();

	private final EgainAuthMetrics metrics = new EgainAuthMetrics() {

		@Override
		public void tokenStoreUnavailable() {
			RedisEgainTokenStoreTests.this.outages.incrementAndGet();
		}

	};

	@AfterEach
	void close() throws Exception {
		for (AutoCloseable closeable : this.closeables) {
			closeable.close();
		}
		if (this.egain != null) {
			this.egain.close();
		}
	}

	@Test
	void redisHoldsNeitherTheTokenNorTheSecretNorWhoTheClientIs() throws Exception {
		EgainAccessTokens instance = instance(TestClients.CLIENT_SECRET);
		OAuth2AccessToken token = instance.get("portal").block();
		Map<String, String> contents = redis.contents();
		assertThat(contents).hasSize(1);
		String key = contents.keySet().iterator().next();
		String value = contents.get(key);
		assertThat(key).matches("egain:auth:token:[0-9a-f]{64}");
		for (String revealing : revealing(token)) {
			assertThat(key).doesNotContain(revealing);
			assertThat(value).doesNotContain(revealing);
			assertThat(new String(Base64.getDecoder().decode(value), java.nio.charset.StandardCharsets.ISO_8859_1))
				.doesNotContain(revealing);
		}
		assertThat(redis.commands().pttl(key)).isBetween(3_590_000L, 3_600_000L);
	}

	@Test
	void theHotPathNeverTouchesRedis() throws Exception {
		EgainAccessTokens instance = instance(TestClients.CLIENT_SECRET);
		instance.get("portal").block();
		long before = processedCommands();
		for (int i = 0; i < 1000; i++) {
			instance.get("portal").block();
		}
		// The INFO command of the second count is the only one.
		assertThat(processedCommands() - before).isOne();
		assertThat(this.egain.tokenRequests()).isOne();
	}

	private static long processedCommands() {
		return redis.commands()
			.info("stats")
			.lines()
			.filter((line) -> line.startsWith("total_commands_processed:"))
			.map((line) -> Long.parseLong(line.substring(line.indexOf(':') + 1).trim()))
			.findFirst()
			.orElseThrow();
	}

	@Test
	void anotherInstanceWithTheSameCredentialsTakesTheStoredToken() throws Exception {
		OAuth2AccessToken first = instance(TestClients.CLIENT_SECRET).get("portal").block();
		OAuth2AccessToken second = instance(TestClients.CLIENT_SECRET).get("portal").block();
		assertThat(second.getTokenValue()).isEqualTo(first.getTokenValue());
		assertThat(second.getExpiresAt()).isCloseTo(first.getExpiresAt(), within(1, ChronoUnit.MILLIS));
		assertThat(this.egain.tokenRequests()).isOne();
	}

	@Test
	void anInstanceWithAnotherSecretNeitherFindsNorTakesTheToken() throws Exception {
		OAuth2AccessToken first = instance(TestClients.CLIENT_SECRET).get("portal").block();
		OAuth2AccessToken rotated = instance("a-rotated-secret-8Ks4QWHNUyhDyZj1X7c").get("portal").block();
		assertThat(rotated.getTokenValue()).isNotEqualTo(first.getTokenValue());
		assertThat(this.egain.tokenRequests()).isEqualTo(2);
		assertThat(redis.contents().keySet()).hasSize(2).allMatch((key) -> key.startsWith("egain:auth:token:"));
	}

	@Test
	void aStoredValueThatWasTamperedWithIsNeverUsed() throws Exception {
		OAuth2AccessToken first = instance(TestClients.CLIENT_SECRET).get("portal").block();
		String key = redis.contents().keySet().iterator().next();
		byte[] sealed = Base64.getDecoder().decode(redis.commands().get(key));
		sealed[sealed.length - 20] ^= 1;
		redis.commands().set(key, Base64.getEncoder().encodeToString(sealed));
		OAuth2AccessToken second = instance(TestClients.CLIENT_SECRET).get("portal").block();
		assertThat(second.getTokenValue()).isNotEqualTo(first.getTokenValue());
		assertThat(this.egain.tokenRequests()).isEqualTo(2);
	}

	@Test
	void aStoredValueOpensOnlyUnderItsOwnKeyName() throws Exception {
		instance(TestClients.CLIENT_SECRET).get("portal").block();
		String key = redis.contents().keySet().iterator().next();
		String value = redis.commands().get(key);
		TokenSeal seal = TokenSeal.of("egain:auth:", client(TestClients.CLIENT_SECRET));
		assertThat(seal.tokenKey()).isEqualTo(key);
		assertThat(seal.unseal(value)).isNotNull();
		// The same credentials under another key name: the associated data differs.
		assertThat(TokenSeal.of("elsewhere:", client(TestClients.CLIENT_SECRET)).unseal(value)).isNull();
		assertThat(TokenSeal.of("egain:auth:", client("another-secret")).unseal(value)).isNull();
	}

	@Test
	void theLockHolderTakesATokenStoredJustBeforeItTookTheLockInsteadOfRequestingOne() throws Exception {
		OAuth2AccessToken stored = instance(TestClients.CLIENT_SECRET).get("portal").block();
		instance(TestClients.CLIENT_SECRET);
		RedisEgainTokenStore store = (RedisEgainTokenStore) this.closeables.get(this.closeables.size() - 1);
		OAuth2AccessToken obtained = store
			.obtain("portal", (token) -> true, Mono.error(new AssertionError("no token request expected")))
			.block();
		assertThat(obtained.getTokenValue()).isEqualTo(stored.getTokenValue());
		assertThat(redis.contents().keySet()).singleElement().asString().startsWith("egain:auth:token:");
		OAuth2AccessToken requested = store
			.obtain("portal", (token) -> !token.getTokenValue().equals(stored.getTokenValue()),
					Mono.just(new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "requested",
							java.time.Instant.now(), java.time.Instant.now().plusSeconds(60))))
			.block();
		assertThat(requested.getTokenValue()).isEqualTo("requested");
		assertThat(store.load("portal").block().getTokenValue()).isEqualTo("requested");
		assertThat(this.egain.tokenRequests()).isOne();
	}

	@Test
	void aLockHolderThatDiedFreesTheLockWhenItsLeaseEnds() throws Exception {
		EgainAccessTokens instance = instance(TestClients.CLIENT_SECRET);
		String lockKey = TokenSeal.of("egain:auth:", client(TestClients.CLIENT_SECRET)).lockKey();
		redis.commands().psetex(lockKey, 700, "an-instance-that-died");
		long start = System.nanoTime();
		instance.get("portal").block();
		long tookMillis = (System.nanoTime() - start) / 1_000_000;
		assertThat(tookMillis).isBetween(600L, 3_000L);
		assertThat(this.egain.tokenRequests()).isOne();
		assertThat(redis.commands().exists(lockKey)).isZero();
	}

	@Test
	void aWaiterRequestsItsOwnTokenWhenNoneComesWithinTheTokenRequestTimeLimit() throws Exception {
		// Token request time limit 0: a waiter waits 1 s at most.
		EgainAccessTokens instance = instance(TestClients.CLIENT_SECRET, Duration.ZERO, redis.port());
		String lockKey = TokenSeal.of("egain:auth:", client(TestClients.CLIENT_SECRET)).lockKey();
		// A holder that renews its lease but never stores a token.
		redis.commands().set(lockKey, "an-instance-that-hangs");
		long start = System.nanoTime();
		OAuth2AccessToken token = instance.get("portal").block();
		long tookMillis = (System.nanoTime() - start) / 1_000_000;
		assertThat(token).isNotNull();
		assertThat(tookMillis).isBetween(900L, 3_000L);
		assertThat(this.egain.tokenRequests()).isOne();
		assertThat(redis.commands().get(lockKey)).isEqualTo("an-instance-that-hangs");
	}

	@Test
	void theLockHolderRenewsItsLeaseWhileItsTokenRequestRuns() throws Exception {
		this.egain = new FleetEgain();
		this.egain.setLatencyMillis(1_500);
		EgainAccessTokens first = instance(TestClients.CLIENT_SECRET);
		((RedisEgainTokenStore) this.closeables.get(this.closeables.size() - 1)).setLease(Duration.ofMillis(600));
		EgainAccessTokens second = instance(TestClients.CLIENT_SECRET);
		((RedisEgainTokenStore) this.closeables.get(this.closeables.size() - 1)).setLease(Duration.ofMillis(600));
		Mono<OAuth2AccessToken> firstToken = first.get("portal").cache();
		firstToken.subscribe();
		Thread.sleep(200);
		OAuth2AccessToken secondToken = second.get("portal").block(Duration.ofSeconds(10));
		assertThat(secondToken.getTokenValue()).isEqualTo(firstToken.block().getTokenValue());
		// The lease is 600 ms and the token request takes 1.5 s: without renewal the second
		// instance would have taken the lock and requested a token of its own.
		assertThat(this.egain.tokenRequests()).isOne();
	}

	@Test
	void aLockHolderWhoseTokenRequestHangsKeepsTheLockNoLongerThanTheLongestWait() throws Exception {
		this.egain = new FleetEgain();
		this.egain.setLatencyMillis(3_000);
		EgainAccessTokens instance = instance(TestClients.CLIENT_SECRET);
		RedisEgainTokenStore store = (RedisEgainTokenStore) this.closeables.get(this.closeables.size() - 1);
		store.setLease(Duration.ofMillis(600));
		store.setMaxWait(Duration.ofSeconds(1));
		String lockKey = TokenSeal.of("egain:auth:", client(TestClients.CLIENT_SECRET)).lockKey();
		// Connected first, so that no command of the token request times out on the way.
		assertThat(store.load("portal").block()).isNull();
		instance.get("portal").subscribe();
		await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10))
			.until(() -> redis.commands().exists(lockKey) == 1);
		long locked = System.nanoTime();
		await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10))
			.until(() -> redis.commands().exists(lockKey) == 0);
		long heldMillis = (System.nanoTime() - locked) / 1_000_000;
		// Renewed every 200 ms while the token request runs (3 s), but only up to 1 s.
		assertThat(heldMillis).isBetween(500L, 1_500L);
		assertThat(this.egain.tokenRequests()).isOne();
	}

	@Test
	void aLockCommandThatTimedOutLeavesNoLockBehindWhenRedisAnswersAgain() throws Exception {
		EgainAccessTokens instance = instance(TestClients.CLIENT_SECRET);
		RedisEgainTokenStore store = (RedisEgainTokenStore) this.closeables.get(this.closeables.size() - 1);
		store.setRetryAfterOutage(Duration.ZERO);
		String lockKey = TokenSeal.of("egain:auth:", client(TestClients.CLIENT_SECRET)).lockKey();
		// Connected before Redis stops answering, so that the commands reach it.
		assertThat(store.load("portal").block()).isNull();
		redis.pause();
		try {
			// The load and the lock command time out; the lock command reaches Redis all the
			// same, when it answers again.
			assertThat(instance.get("portal").block()).isNotNull();
			Thread.sleep(100);
		}
		finally {
			redis.resume();
		}
		long deadline = System.nanoTime() + 2_000_000_000L;
		while (redis.commands().exists(lockKey) == 1 && System.nanoTime() < deadline) {
			Thread.sleep(20);
		}
		assertThat(redis.commands().exists(lockKey)).isZero();
		long start = System.nanoTime();
		assertThat(instance(TestClients.CLIENT_SECRET).get("portal").block()).isNotNull();
		assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(1_000);
	}

	@Test
	void aRejectedTokenIsRemovedOnlyWhenItIsTheStoredOne() throws Exception {
		EgainAccessTokens instance = instance(TestClients.CLIENT_SECRET);
		OAuth2AccessToken token = instance.get("portal").block();
		RedisEgainTokenStore store = (RedisEgainTokenStore) this.closeables.get(this.closeables.size() - 1);
		store.remove("portal", new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "another-token",
				token.getIssuedAt(), token.getExpiresAt()))
			.block();
		assertThat(redis.contents()).hasSize(1);
		instance.invalidate("portal", token).block();
		assertThat(redis.contents()).isEmpty();
		assertThat(instance.get("portal").block().getTokenValue()).isNotEqualTo(token.getTokenValue());
	}

	@Test
	void withoutRedisEveryCallGetsATokenAndTheOutageIsReportedOnce() throws Exception {
		int closedPort;
		try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		try (LogCapture logs = new LogCapture()) {
			EgainAccessTokens instance = instance(TestClients.CLIENT_SECRET, Duration.ofSeconds(5), closedPort);
			RedisEgainTokenStore store = (RedisEgainTokenStore) this.closeables.get(this.closeables.size() - 1);
			store.setRetryAfterOutage(Duration.ZERO);
			for (int i = 0; i < 3; i++) {
				OAuth2AccessToken token = instance.get("portal").block();
				assertThat(token).isNotNull();
				instance.invalidate("portal", token).block();
			}
			assertThat(this.egain.tokenRequests()).isEqualTo(3);
			assertThat(this.outages).hasValue(1);
			assertThat(store.isAvailable()).isFalse();
			assertThat(store.healthDetails()).containsEntry("type", "redis")
				.containsEntry("status", "unavailable: each instance requests its own tokens");
			assertThat(logs.text().lines().filter((line) -> line.startsWith("WARN")
					&& line.contains("Redis does not answer the eGain token store")))
				.hasSize(1);
			assertThat(logs.text()).doesNotContain(TestClients.CLIENT_SECRET).doesNotContain("fleet-token-");
		}
	}

	@Test
	void aRedisThatDoesNotAnswerCostsACallerAtMostTheRedisTimeLimit() throws Exception {
		instance(TestClients.CLIENT_SECRET).get("portal").block();
		EgainAccessTokens other = instance(TestClients.CLIENT_SECRET);
		RedisEgainTokenStore store = (RedisEgainTokenStore) this.closeables.get(this.closeables.size() - 1);
		store.setRetryAfterOutage(Duration.ofMillis(200));
		try (LogCapture logs = new LogCapture()) {
			redis.pause();
			long start = System.nanoTime();
			OAuth2AccessToken token;
			try {
				token = other.get("portal").block();
			}
			finally {
				redis.resume();
			}
			long tookMillis = (System.nanoTime() - start) / 1_000_000;
			assertThat(token).isNotNull();
			// One Redis command timed out (300 ms), then the instance requested its own.
			assertThat(tookMillis).isBetween(300L, 1_500L);
			assertThat(this.egain.tokenRequests()).isEqualTo(2);
			assertThat(this.outages).hasValue(1);
			assertThat(store.isAvailable()).isFalse();
			assertThat(logs.text().lines().filter((line) -> line.startsWith("WARN")
					&& line.contains("Redis does not answer the eGain token store (TimeoutException)")))
				.hasSize(1);
		}
		Thread.sleep(250);
		other.invalidate("portal", other.peek("portal")).block();
		assertThat(other.get("portal").block()).isNotNull();
		assertThat(store.isAvailable()).isTrue();
		assertThat(store.healthDetails()).containsEntry("status", "shared");
	}

	private EgainAccessTokens instance(String secret) throws Exception {
		return instance(secret, Duration.ofSeconds(5), redis.port());
	}

	private EgainAccessTokens instance(String secret, Duration tokenRequestTimeLimit, int redisPort)
			throws Exception {
		if (this.egain == null) {
			this.egain = new FleetEgain();
		}
		LettuceConnectionFactory connectionFactory = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration(redis.host(), redisPort));
		connectionFactory.afterPropertiesSet();
		connectionFactory.start();
		this.closeables.add(connectionFactory::destroy);
		EgainClient client = client(secret);
		EgainClientRegistrations registrations = new EgainClientRegistrations(List.of(client));
		EgainTokenResponseClient responseClient = TestClients.responseClient(Duration.ofSeconds(5));
		this.closeables.add(responseClient);
		RedisEgainTokenStore store = new RedisEgainTokenStore(connectionFactory, registrations, "egain:auth:",
				Duration.ofMillis(300), tokenRequestTimeLimit, this.metrics);
		this.closeables.add(store);
		return new DefaultEgainAccessTokens(registrations, responseClient, store, Duration.ofSeconds(60), Clock.systemUTC(),
				this.metrics, ObservationRegistry.NOOP);
	}

	private EgainClient client(String secret) {
		return withSecret(secret);
	}

	private EgainClient withSecret(String secret) {
		EgainClient client = TestClients.clientApp("portal", this.egain.baseUrl());
		ClientRegistration registration = ClientRegistration.withClientRegistration(client.getRegistration())
			.clientSecret(secret)
			.build();
		return new EgainClient(client.getName(), client.getType(), client.getTenantId(), registration,
				client.getBaseUrl(), client.getAllowedOrigins());
	}

	private List<String> revealing(OAuth2AccessToken token) {
		return List.of(token.getTokenValue(), "fleet-token-", TestClients.CLIENT_SECRET, TestClients.CLIENT_ID,
				"portal", TestClients.TENANT, "127.0.0.1", "knowledge.portalmgr.manage");
	}

}
