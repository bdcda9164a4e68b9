package com.egain.auth.spring.token.redis;

import java.io.Serial;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

import com.egain.auth.spring.EgainAuthMetrics;
import com.egain.auth.spring.EgainClient;
import com.egain.auth.spring.EgainClientRegistrations;
import com.egain.auth.spring.EgainTokenStore;
import com.egain.auth.spring.credentials.ClientCredentials;
import com.egain.auth.spring.credentials.EgainCredentials;
import com.egain.auth.spring.endpoint.EgainTokenResponseClient;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.security.oauth2.core.OAuth2AccessToken;

/**
 * An {@link EgainTokenStore} that shares tokens between all instances of an application
 * through Redis, with at most one token request per client in flight across them.
 *
 * <p>The instance that needs a token first takes a lock with a short lease
 * ({@code SET NX PX}, 5 s), which it renews while its token request runs, up to the
 * {@link #setMaxWait(Duration) longest wait} after it took it; it requests the token,
 * stores it and frees the lock (compare and delete). The others wait for the stored
 * token, polling, and take the lock themselves when it is freed without one; an instance
 * requests its own when no token comes within the longest wait (5 s by default, never
 * more than the token request's time limit plus a second), so that an instance whose
 * token request hangs stalls no other for longer. A lock holder that dies stops renewing,
 * so its lock ends with its lease.
 *
 * <p>Redis never holds a usable token or a secret: see {@link TokenSeal}. Each entry
 * expires with its token.
 *
 * <p>Redis is never needed for a token: every command has a time limit, and when Redis
 * fails or does not answer within it, the instance goes on on its own (its in-process
 * single flight), logs one WARN line per outage and reports it through
 * {@link EgainAuthMetrics#tokenStoreUnavailable()}. It then leaves Redis alone for a few
 * seconds, tries again, and shares tokens once more as soon as Redis answers.
 */
public class RedisEgainTokenStore implements EgainTokenStore, AutoCloseable {

	private static final Log logger = LogFactory.getLog(RedisEgainTokenStore.class);

	private static final RedisScript<Long> COMPARE_AND_DELETE = RedisScript
		.of("if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end",
				Long.class);

	private static final RedisScript<Long> COMPARE_AND_RENEW = RedisScript
		.of("if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) "
				+ "else return 0 end", Long.class);

	private static final Duration RETRY_AFTER_OUTAGE = Duration.ofSeconds(5);

	private static final Duration LEASE = Duration.ofSeconds(5);

	private static final Duration MAX_WAIT = Duration.ofSeconds(5);

	private final ReactiveStringRedisTemplate redis;

	private final EgainCredentials credentials;

	private final String keyPrefix;

	/**
	 * The seal of each client's current credentials: derived again when they change.
	 */
	private final Map<String, CurrentSeal> seals = new ConcurrentHashMap<>();

	private final Duration timeout;

	private final Duration tokenRequestWait;

	private final EgainAuthMetrics metrics;

	// Commands run on threads of the store's own: Lettuce may connect on the caller's
	// thread, and the caller may be an event loop.
	private final Scheduler scheduler = Schedulers.newBoundedElastic(4, Integer.MAX_VALUE, "egain-token-store", 60,
			true);

	private volatile Duration pollInterval = Duration.ofMillis(50);

	private volatile Duration retryAfterOutage = RETRY_AFTER_OUTAGE;

	private volatile Duration lease = LEASE;

	private volatile Duration longestWait;

	private volatile boolean unavailable;

	private volatile long unavailableSince;

	private volatile long nextAttempt;

	/**
	 * Create a store for the given clients.
	 * @param connectionFactory the application's Redis connection
	 * @param registrations the clients, whose credentials name and seal their entries
	 * @param keyPrefix the prefix of every key
	 * @param timeout the time limit of each Redis command
	 * @param tokenRequestTimeLimit the longest time a token request may take
	 * ({@link EgainTokenResponseClient#getTimeLimit()})
	 * @param metrics where outages are reported
	 */
	public RedisEgainTokenStore(ReactiveRedisConnectionFactory connectionFactory,
			EgainClientRegistrations registrations, String keyPrefix, Duration timeout,
			Duration tokenRequestTimeLimit, EgainAuthMetrics metrics) {
		this(connectionFactory, EgainCredentials.of(registrations), keyPrefix, timeout, tokenRequestTimeLimit,
				metrics);
	}

	/**
	 * Create a store whose entries are named and sealed with each client's current
	 * credentials: after a rotation, an instance finds only what its own secret opens, so
	 * instances on the old and on the new secret each keep their own token.
	 * @param connectionFactory the application's Redis connection
	 * @param credentials the current credentials of the clients
	 * @param keyPrefix the prefix of every key
	 * @param timeout the time limit of each Redis command
	 * @param tokenRequestTimeLimit the longest time a token request may take
	 * ({@link EgainTokenResponseClient#getTimeLimit()})
	 * @param metrics where outages are reported
	 */
	public RedisEgainTokenStore(ReactiveRedisConnectionFactory connectionFactory, EgainCredentials credentials,
			String keyPrefix, Duration timeout, Duration tokenRequestTimeLimit, EgainAuthMetrics metrics) {
		this.redis = new ReactiveStringRedisTemplate(connectionFactory);
		this.credentials = credentials;
		this.keyPrefix = keyPrefix;
		this.timeout = timeout;
		this.tokenRequestWait = tokenRequestTimeLimit.plusSeconds(1);
		this.longestWait = shorter(MAX_WAIT, this.tokenRequestWait);
		this.metrics = metrics;
	}

	/**
	 * Set how often an instance that waits for another's token request looks for its
	 * token. Default: 50 ms.
	 * @param pollInterval the interval
	 */
	public void setPollInterval(Duration pollInterval) {
		this.pollInterval = pollInterval;
	}

	/**
	 * Set the lease of the lock held while a token request runs; the holder renews it every
	 * third of it. Default: 5 s.
	 * @param lease the lease
	 */
	public void setLease(Duration lease) {
		this.lease = lease;
	}

	/**
	 * Set the longest time an instance waits for the token another instance is requesting
	 * before it requests its own; never longer than the token request's time limit plus a
	 * second. A lock holder renews its lease no longer than this after it took the lock.
	 * Default: 5 s.
	 * @param maxWait the longest wait, positive
	 */
	public void setMaxWait(Duration maxWait) {
		if (maxWait.isNegative() || maxWait.isZero()) {
			throw new IllegalArgumentException("maxWait must be positive");
		}
		this.longestWait = shorter(maxWait, this.tokenRequestWait);
	}

	private static Duration shorter(Duration one, Duration other) {
		return (one.compareTo(other) <= 0) ? one : other;
	}

	/**
	 * Set how long an instance leaves Redis alone after it failed. Default: 5 s.
	 * @param retryAfterOutage the time
	 */
	public void setRetryAfterOutage(Duration retryAfterOutage) {
		this.retryAfterOutage = retryAfterOutage;
	}

	/**
	 * The seal of the client's credentials as last read (a token request reads them just
	 * before it asks the store), or {@code null} for a client the store does not know.
	 */
	private @Nullable TokenSeal seal(String clientName) {
		ClientCredentials client = this.credentials.find(clientName);
		if (client == null) {
			return null;
		}
		EgainClient latest = client.latest();
		CurrentSeal current = this.seals.get(clientName);
		if (current == null || current.client != latest) {
			current = new CurrentSeal(latest, TokenSeal.of(this.keyPrefix, latest));
			this.seals.put(clientName, current);
		}
		return current.seal;
	}

	@Override
	public Mono<OAuth2AccessToken> load(String clientName) {
		TokenSeal seal = seal(clientName);
		if (seal == null || skipRedis()) {
			return Mono.empty();
		}
		return command(this.redis.opsForValue().get(seal.tokenKey())).mapNotNull(seal::unseal)
			.onErrorResume(Unavailable.class, (ex) -> Mono.empty());
	}

	@Override
	public Mono<Void> save(String clientName, OAuth2AccessToken token) {
		TokenSeal seal = seal(clientName);
		if (seal == null || skipRedis()) {
			return Mono.empty();
		}
		return quietly(save(seal, token));
	}

	@Override
	public Mono<Void> remove(String clientName, OAuth2AccessToken token) {
		TokenSeal seal = seal(clientName);
		if (seal == null || skipRedis()) {
			return Mono.empty();
		}
		return quietly(command(this.redis.opsForValue().get(seal.tokenKey())).flatMap((sealed) -> {
			OAuth2AccessToken stored = seal.unseal(sealed);
			if (stored == null || !stored.getTokenValue().equals(token.getTokenValue())) {
				return Mono.empty();
			}
			return compareAndDelete(seal.tokenKey(), sealed);
		}));
	}

	@Override
	public Mono<OAuth2AccessToken> obtain(String clientName, Predicate<OAuth2AccessToken> acceptable,
			Mono<OAuth2AccessToken> tokenRequest) {
		TokenSeal seal = seal(clientName);
		if (seal == null || skipRedis()) {
			return tokenRequest;
		}
		String owner = HexFormat.of().formatHex(randomBytes());
		long deadline = System.nanoTime() + this.longestWait.toNanos();
		return lock(seal, owner)
			.flatMap((locked) -> locked ? requestAndUnlock(seal, owner, acceptable, tokenRequest)
					: awaitOther(seal, owner, acceptable, tokenRequest, deadline))
			// Redis failed before this instance requested a token: it requests its own, and
			// frees the lock in case a command that timed out here took it in Redis after all.
			.onErrorResume(Unavailable.class,
					(ex) -> tokenRequest.doFinally((signal) -> quietly(compareAndDelete(seal.lockKey(), owner))
						.subscribe()));
	}

	/**
	 * Wait for the token another instance requests: take it once it is stored, take the
	 * lock when it is freed without one, request a token of this instance's own when
	 * neither happens before the deadline.
	 */
	private Mono<OAuth2AccessToken> awaitOther(TokenSeal seal, String owner, Predicate<OAuth2AccessToken> acceptable,
			Mono<OAuth2AccessToken> tokenRequest, long deadline) {
		Mono<OAuth2AccessToken> look = Mono
			.defer(() -> command(this.redis.opsForValue().multiGet(List.of(seal.tokenKey(), seal.lockKey()))))
			.flatMap((values) -> {
				OAuth2AccessToken stored = seal.unseal(values.get(0));
				if (stored != null && acceptable.test(stored)) {
					return Mono.just(stored);
				}
				if (values.get(1) == null) {
					return lock(seal, owner)
						.flatMap((locked) -> locked ? requestAndUnlock(seal, owner, acceptable, tokenRequest)
								: Mono.empty());
				}
				if (System.nanoTime() - deadline > 0) {
					logger.debug("No shared token within the longest wait; requesting one");
					return tokenRequest.flatMap((token) -> quietly(save(seal, token)).thenReturn(token));
				}
				return Mono.empty();
			});
		return look.repeatWhenEmpty((attempts) -> attempts.delayElements(this.pollInterval));
	}

	private Mono<Boolean> lock(TokenSeal seal, String owner) {
		Duration lease = shorter(this.lease, this.longestWait);
		return command(this.redis.opsForValue().setIfAbsent(seal.lockKey(), owner, lease))
			.defaultIfEmpty(false);
	}

	/**
	 * With the lock held: take the token another instance stored just before, if any, else
	 * request one (renewing the lease meanwhile, up to the longest wait after the lock was
	 * taken) and store it; then free the lock.
	 */
	private Mono<OAuth2AccessToken> requestAndUnlock(TokenSeal seal, String owner,
			Predicate<OAuth2AccessToken> acceptable, Mono<OAuth2AccessToken> tokenRequest) {
		Mono<Void> unlock = quietly(compareAndDelete(seal.lockKey(), owner));
		long lockedAt = System.nanoTime();
		Mono<OAuth2AccessToken> request = Mono.defer(() -> {
			Duration every = this.lease.dividedBy(3);
			long keepUntil = lockedAt + this.longestWait.toNanos();
			Disposable renewal = Flux.interval(every, every, this.scheduler)
				.map((tick) -> Math.min(this.lease.toMillis(), (keepUntil - System.nanoTime()) / 1_000_000))
				.takeWhile((leaseMillis) -> leaseMillis > 0)
				.concatMap((leaseMillis) -> quietly(renewLease(seal, owner, leaseMillis)))
				.subscribe();
			return tokenRequest.doFinally((signal) -> renewal.dispose());
		})
			.flatMap((token) -> quietly(save(seal, token)).then(unlock).thenReturn(token))
			.onErrorResume((ex) -> unlock.then(Mono.error(ex)));
		return command(this.redis.opsForValue().get(seal.tokenKey())).mapNotNull(seal::unseal)
			.filter(acceptable)
			.flatMap((stored) -> unlock.thenReturn(stored))
			.onErrorResume(Unavailable.class, (ex) -> Mono.empty())
			.switchIfEmpty(request);
	}

	private Mono<Void> save(TokenSeal seal, OAuth2AccessToken token) {
		if (token.getExpiresAt() == null) {
			return Mono.empty();
		}
		Duration ttl = Duration.between(Instant.now(), token.getExpiresAt());
		if (ttl.toMillis() <= 0) {
			return Mono.empty();
		}
		return command(this.redis.opsForValue().set(seal.tokenKey(), seal.seal(token), ttl)).then();
	}

	private Mono<Void> renewLease(TokenSeal seal, String owner, long leaseMillis) {
		return command(this.redis
			.execute(COMPARE_AND_RENEW, List.of(seal.lockKey()), List.of(owner, String.valueOf(leaseMillis)))
			.then());
	}

	private Mono<Void> compareAndDelete(String key, String expected) {
		return command(this.redis.execute(COMPARE_AND_DELETE, List.of(key), List.of(expected)).then());
	}

	/**
	 * Run a Redis command on the store's threads within the time limit; its failure ends
	 * in {@link Unavailable}.
	 */
	private <T> Mono<T> command(Mono<T> command) {
		return command.subscribeOn(this.scheduler)
			.timeout(this.timeout)
			.doOnSuccess((result) -> available())
			.onErrorMap((ex) -> !(ex instanceof Unavailable), (ex) -> {
				unavailable(ex);
				return new Unavailable();
			});
	}

	private static Mono<Void> quietly(Mono<?> command) {
		return command.onErrorResume(Unavailable.class, (ex) -> Mono.empty()).then();
	}

	private boolean skipRedis() {
		return this.unavailable && System.nanoTime() - this.nextAttempt < 0;
	}

	private void unavailable(Throwable ex) {
		this.nextAttempt = System.nanoTime() + this.retryAfterOutage.toNanos();
		if (!this.unavailable) {
			synchronized (this) {
				if (this.unavailable) {
					return;
				}
				this.unavailable = true;
				this.unavailableSince = System.currentTimeMillis();
			}
			// The exception's class only: a message may carry the Redis address.
			logger.warn("Redis does not answer the eGain token store (" + ex.getClass().getSimpleName()
					+ "): each instance requests its own tokens until it answers again");
			this.metrics.tokenStoreUnavailable();
		}
	}

	private void available() {
		if (this.unavailable) {
			synchronized (this) {
				if (!this.unavailable) {
					return;
				}
				this.unavailable = false;
			}
			logger.info("Redis answers the eGain token store again: tokens are shared between instances");
		}
	}

	/**
	 * Whether Redis answered the last command.
	 * @return whether tokens are shared
	 */
	public boolean isAvailable() {
		return !this.unavailable;
	}

	@Override
	public Map<String, Object> healthDetails() {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("type", "redis");
		if (this.unavailable) {
			details.put("status", "unavailable: each instance requests its own tokens");
			details.put("unavailableSince", Instant.ofEpochMilli(this.unavailableSince).toString());
		}
		else {
			details.put("status", "shared");
		}
		return details;
	}

	@Override
	public void close() {
		this.scheduler.dispose();
	}

	@Override
	public String toString() {
		return "RedisEgainTokenStore" + this.credentials.names();
	}

	private static byte[] randomBytes() {
		byte[] bytes = new byte[16];
		ThreadLocalRandom.current().nextBytes(bytes);
		return bytes;
	}

	private record CurrentSeal(EgainClient client, TokenSeal seal) {
	}

	/**
	 * Redis failed or did not answer in time.
	 */
	private static final class Unavailable extends RuntimeException {

		@Serial
		private static final long serialVersionUID = 1L;

		Unavailable() {
			super("Redis did not answer", null, false, false);
		}

	}

}
