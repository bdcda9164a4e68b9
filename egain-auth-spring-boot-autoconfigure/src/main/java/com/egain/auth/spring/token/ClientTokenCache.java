package com.egain.auth.spring.token;

import java.io.Serial;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import com.egain.auth.spring.EgainAuthMetrics;
import com.egain.auth.spring.EgainClient;
import com.egain.auth.spring.EgainClientAuthorizationException;
import com.egain.auth.spring.EgainTokenStatus;
import com.egain.auth.spring.EgainTokenStore;
import com.egain.auth.spring.credentials.ClientCredentials;
import com.egain.auth.spring.endpoint.EgainTokenResponseClient;
import io.micrometer.observation.ObservationRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;

/**
 * The token of one client: reused until its refresh point, then refreshed in the
 * background while it is still used, with at most one token request in flight. A failed
 * token request is remembered: until its backoff has passed, calls fail at once with its
 * error instead of sending a token request each. A token that an API rejects is renewed
 * once; when the renewed token is rejected too, renewal stops for a cool-down.
 *
 * <p>Every interval it keeps (refresh point, expiry, backoff, cool-down) runs on the
 * monotonic time source, so that a step of the wall clock changes none of them; the
 * clock only dates what is reported ({@link EgainTokenStatus},
 * {@link EgainClientAuthorizationException#getNextAttemptAt()}) and reads the expiry of
 * stored tokens. Nothing thrown while a token request is in flight leaves it in flight,
 * and every caller gets an exception of its own.
 */
final class ClientTokenCache {

	private static final Log logger = LogFactory.getLog(ClientTokenCache.class);

	private final String clientName;

	private final EgainTokenResponseClient responseClient;

	private final EgainTokenStore store;

	private final Clock clock;

	private final LongSupplier nanoTime;

	private final Duration refreshMargin;

	private final Supplier<TokenRequestBackoff> backoff;

	private final EgainAuthMetrics metrics;

	private final ObservationRegistry observations;

	private final ClientCredentials credentials;

	private final AtomicReference<@Nullable CachedToken> current = new AtomicReference<>();

	private final AtomicReference<@Nullable Mono<OAuth2AccessToken>> inFlight = new AtomicReference<>();

	/**
	 * The last failed token request since the last success, or {@code null}.
	 */
	private volatile @Nullable Failure failure;

	/**
	 * The value of the last token an API rejected: never taken back from the store.
	 */
	private volatile @Nullable String rejectedTokenValue;

	ClientTokenCache(EgainClient client, EgainTokenResponseClient responseClient, EgainTokenStore store, Clock clock,
			LongSupplier nanoTime, Duration refreshMargin, Supplier<TokenRequestBackoff> backoff,
			EgainAuthMetrics metrics, ObservationRegistry observations, ClientCredentials credentials) {
		this.clientName = client.getName();
		this.responseClient = responseClient;
		this.store = store;
		this.clock = clock;
		this.nanoTime = nanoTime;
		this.refreshMargin = refreshMargin;
		this.backoff = backoff;
		this.metrics = metrics;
		this.observations = observations;
		this.credentials = credentials;
	}

	/**
	 * Return a usable token: the cached one while it has not expired (starting a background
	 * refresh once it is past its refresh point), else the result of the one token request
	 * in flight, else, while the last token request's backoff lasts, its error at once.
	 */
	Mono<OAuth2AccessToken> token() {
		CachedToken cached = usable();
		if (cached != null) {
			return cached.mono;
		}
		this.metrics.cacheMiss(this.clientName);
		Failure failure = this.failure;
		if (failure != null && this.inFlight.get() == null && this.nanoTime.getAsLong() - failure.retryAt < 0
				&& !credentialsChangedSince(failure)) {
			return Mono.error(failure.repeated(this.clock.instant()));
		}
		return sharedRequest();
	}

	/**
	 * Return the cached token while it has not expired (starting a background refresh once
	 * it is past its refresh point), or {@code null} when a caller has to wait for a
	 * request; never starts one itself.
	 */
	@Nullable OAuth2AccessToken tokenNow() {
		CachedToken cached = usable();
		return (cached != null) ? cached.token : null;
	}

	private @Nullable CachedToken usable() {
		CachedToken cached = this.current.get();
		if (cached == null) {
			return null;
		}
		long now = this.nanoTime.getAsLong();
		if (now - cached.expiresAt >= 0) {
			return null;
		}
		if (now - cached.refreshAt >= 0) {
			refreshInBackground(now);
		}
		this.metrics.cacheHit(this.clientName);
		return cached;
	}

	/**
	 * Forget the given token because an API rejected it: it is dropped if it is the
	 * current one, and never taken back from the store, even before the store has removed
	 * it.
	 */
	Mono<Void> invalidate(OAuth2AccessToken rejected) {
		this.rejectedTokenValue = rejected.getTokenValue();
		CachedToken cached = this.current.get();
		if (cached != null && cached.isFor(rejected)) {
			this.current.compareAndSet(cached, null);
			logger.debug("Dropped the token of eGain client '" + this.clientName + "' after the API rejected it");
		}
		return this.store.remove(this.clientName, rejected);
	}

	/**
	 * The current token, or {@code null}; never starts a request.
	 */
	@Nullable OAuth2AccessToken currentToken() {
		CachedToken cached = this.current.get();
		return (cached != null && cached.isValidAt(this.nanoTime.getAsLong())) ? cached.token : null;
	}

	/**
	 * The expiry and granted scopes of the current token and the last error; never starts
	 * a request.
	 */
	EgainTokenStatus status() {
		CachedToken cached = this.current.get();
		if (cached != null && !cached.isValidAt(this.nanoTime.getAsLong())) {
			cached = null;
		}
		Failure failure = this.failure;
		return new EgainTokenStatus((cached != null) ? cached.reportedExpiry : null,
				(failure != null) ? failure.outcome : null, (cached != null) ? cached.token.getScopes() : Set.of());
	}

	/**
	 * The state of the held token and of the last failed token request, without the
	 * token; never starts a request.
	 */
	EgainTokenDetails details() {
		CachedToken cached = this.current.get();
		Failure failure = this.failure;
		long now = this.nanoTime.getAsLong();
		String state = (cached == null) ? "none" : cached.isValidAt(now) ? "valid" : "expired";
		return new EgainTokenDetails(state, (cached != null) ? cached.token.getIssuedAt() : null,
				(cached != null) ? cached.reportedExpiry : null,
				(cached != null) ? cached.reportedExpiry.minusNanos(cached.expiresAt - cached.refreshAt) : null,
				(cached != null) ? cached.token.getScopes() : Set.of(), (failure != null) ? failure.outcome : null,
				(failure != null) ? failure.failedAt : null,
				(failure != null && now - failure.retryAt < 0) ? failure.retryAtInstant : null);
	}

	private void refreshInBackground(long now) {
		Failure failure = this.failure;
		if ((failure != null && now - failure.retryAt < 0 && !credentialsChangedSince(failure))
				|| this.inFlight.get() != null) {
			return;
		}
		logger.debug("Refreshing the token of eGain client '" + this.clientName + "' in the background");
		sharedRequest().subscribe((token) -> this.metrics.backgroundRefresh(this.clientName, true), (ex) -> {
			this.metrics.backgroundRefresh(this.clientName, false);
			logger.warn("Background refresh of the token of eGain client '" + this.clientName
					+ "' failed; the current token stays in use: " + ex.getMessage());
		});
	}

	/**
	 * Whether the client's id or secret changed since the given failure: a changed secret
	 * ends the backoff of a token request that the old one failed.
	 */
	private boolean credentialsChangedSince(Failure failure) {
		return this.credentials.poll() != failure.client;
	}

	private Mono<OAuth2AccessToken> sharedRequest() {
		return sharedRequest(this::loadOrRequest);
	}

	/**
	 * Request a token now, whatever the held one: the one token request in flight, or a
	 * new one, even during a failed request's backoff.
	 */
	Mono<OAuth2AccessToken> renew() {
		return sharedRequest(() -> request(this.current.get(), this.credentials.current()));
	}

	private Mono<OAuth2AccessToken> sharedRequest(Supplier<Mono<OAuth2AccessToken>> tokenRequest) {
		while (true) {
			Mono<OAuth2AccessToken> request = this.inFlight.get();
			if (request != null) {
				return request;
			}
			AtomicReference<@Nullable Mono<OAuth2AccessToken>> self = new AtomicReference<>();
			// The request is no longer in flight before any waiter sees its result, so that a
			// caller that acts on the result never joins a finished request; whatever is
			// thrown on the way, it is no longer in flight once it ended. cache(): every
			// waiter gets the one result, and a waiter that cancels does not cancel the
			// request for the others. A failure reaches each waiter as an exception of its
			// own: a blocking caller adds to the exception it throws.
			Mono<OAuth2AccessToken> candidate = Mono.defer(tokenRequest)
				.doOnNext((token) -> this.inFlight.compareAndSet(self.get(), null))
				.onErrorMap((ex) -> {
					try {
						return new FailedRequest(remember(ex));
					}
					finally {
						this.inFlight.compareAndSet(self.get(), null);
					}
				})
				.doFinally((signal) -> this.inFlight.compareAndSet(self.get(), null))
				.cache()
				.onErrorMap(FailedRequest.class, (failed) -> failed.failure.repeated(this.clock.instant()));
			self.set(candidate);
			if (this.inFlight.compareAndSet(null, candidate)) {
				return candidate;
			}
		}
	}

	private Mono<OAuth2AccessToken> loadOrRequest() {
		// Read before the store is asked: a shared store finds the token of these credentials.
		EgainClient client = this.credentials.current();
		CachedToken cached = this.current.get();
		long now = this.nanoTime.getAsLong();
		if (cached != null && now - cached.refreshAt < 0) {
			// Another request completed between this caller's check and now.
			return cached.mono;
		}
		return this.store.load(this.clientName)
			.filter((stored) -> stored.getExpiresAt() != null)
			.filter((stored) -> !stored.getTokenValue().equals(this.rejectedTokenValue))
			.filter((stored) -> cached == null || !cached.isFor(stored))
			.map((stored) -> remember(stored, Duration.between(this.clock.instant(), stored.getExpiresAt())))
			.filter((stored) -> {
				// null when an API rejected the token meanwhile and it was dropped: request one.
				CachedToken held = this.current.get();
				return held != null && held.refreshAt - now > 0;
			})
			.switchIfEmpty(Mono.defer(() -> request(cached, client)));
	}

	/**
	 * Obtain a new token through the store: this instance's token request, or, with a
	 * shared store, the token another instance requested meanwhile.
	 */
	private Mono<OAuth2AccessToken> request(@Nullable CachedToken cached, EgainClient client) {
		// Refused credentials: when they changed meanwhile (a rotation), once more with the new ones.
		return requestWith(cached, client).onErrorResume(
				(ex) -> TokenRequestBackoff.isCredentialFailure(ex) && this.credentials.recheck() != client,
				(ex) -> requestWith(cached, this.credentials.latest()));
	}

	private Mono<OAuth2AccessToken> requestWith(@Nullable CachedToken cached, EgainClient client) {
		AtomicReference<@Nullable OAuth2AccessToken> requested = new AtomicReference<>();
		Mono<OAuth2AccessToken> tokenRequest = EgainTokenObservations
			.observe(this.observations, this.clientName, this.responseClient.getTokenResponse(client))
			.map(OAuth2AccessTokenResponse::getAccessToken)
			.doOnNext(requested::set)
			.doOnNext((token) -> ScopeDowngrades.check(this.clientName, client.getRegistration().getScopes(),
					token, this.metrics));
		return this.store.obtain(this.clientName, (stored) -> isAcceptable(stored, cached), tokenRequest)
			.map((token) -> (token == requested.get())
					? remember(token, Duration.between(token.getIssuedAt(), token.getExpiresAt()))
					: remember(token, Duration.between(this.clock.instant(), token.getExpiresAt())));
	}

	/**
	 * Whether a token another instance stored may be taken instead of a token request of
	 * this one: unexpired, not rejected by an API, and not the one held.
	 */
	private boolean isAcceptable(OAuth2AccessToken stored, @Nullable CachedToken cached) {
		return stored.getExpiresAt() != null && this.clock.instant().isBefore(stored.getExpiresAt())
				&& !stored.getTokenValue().equals(this.rejectedTokenValue) && (cached == null || !cached.isFor(stored));
	}

	private OAuth2AccessToken remember(OAuth2AccessToken token, Duration lifetime) {
		long now = this.nanoTime.getAsLong();
		long lifetimeMillis = Math.max(lifetime.toMillis(), 0);
		long margin = Math.min(this.refreshMargin.toMillis(), lifetimeMillis / 2);
		CachedToken cached = new CachedToken(token, now + TimeUnit.MILLISECONDS.toNanos(lifetimeMillis - margin),
				now + TimeUnit.MILLISECONDS.toNanos(lifetimeMillis), this.clock.instant().plusMillis(lifetimeMillis));
		this.current.set(cached);
		this.failure = null;
		logger.debug("eGain client '" + this.clientName + "' holds a token that expires in " + lifetimeMillis / 1000
				+ " s; refresh in " + (lifetimeMillis - margin) / 1000 + " s");
		return token;
	}

	/**
	 * Remember a failed token request, and when the next token request may be made.
	 */
	private Failure remember(Throwable ex) {
		Failure previous = this.failure;
		EgainClient client = this.credentials.latest();
		int failures = (previous != null && previous.client == client) ? previous.failures + 1 : 1;
		long now = this.nanoTime.getAsLong();
		Duration delay = delay(failures, ex, now);
		Instant failedAt = this.clock.instant();
		Failure failure = new Failure(this.clientName, ex, failures, now + delay.toNanos(), failedAt.plus(delay),
				failedAt, client);
		this.failure = failure;
		return failure;
	}

	/**
	 * The backoff after the given failure, bounded by the life left to the token held;
	 * the default backoff's when the configured one fails to say.
	 */
	private Duration delay(int failures, Throwable ex, long now) {
		CachedToken held = this.current.get();
		Duration remainingLife = (held != null && held.isValidAt(now)) ? Duration.ofNanos(held.expiresAt - now)
				: null;
		try {
			Duration delay = this.backoff.get().delay(failures, ex, remainingLife);
			if (delay.isNegative()) {
				throw new IllegalArgumentException("negative backoff " + delay);
			}
			return delay;
		}
		catch (RuntimeException unusable) {
			logger.warn("The failure backoff of eGain client '" + this.clientName + "' is unusable ("
					+ unusable.getMessage() + "); using the default backoff");
			return TokenRequestBackoff.DEFAULT.delay(failures, ex, remainingLife);
		}
	}

	private static final class CachedToken {

		final OAuth2AccessToken token;

		/**
		 * Monotonic, as {@link #expiresAt}.
		 */
		final long refreshAt;

		final long expiresAt;

		/**
		 * The wall-clock expiry, for what is reported.
		 */
		final Instant reportedExpiry;

		final Mono<OAuth2AccessToken> mono;

		CachedToken(OAuth2AccessToken token, long refreshAt, long expiresAt, Instant reportedExpiry) {
			this.token = token;
			this.refreshAt = refreshAt;
			this.expiresAt = expiresAt;
			this.reportedExpiry = reportedExpiry;
			this.mono = Mono.just(token);
		}

		boolean isValidAt(long now) {
			return now - this.expiresAt < 0;
		}

		boolean isFor(OAuth2AccessToken other) {
			return this.token == other || this.token.getTokenValue().equals(other.getTokenValue());
		}

	}

	/**
	 * A failed token request: its error, how many failed in a row, and when the next may
	 * be made.
	 */
	private static final class Failure {

		final String clientName;

		final Throwable error;

		final String outcome;

		final int failures;

		/**
		 * Monotonic.
		 */
		final long retryAt;

		private final Instant retryAtInstant;

		final Instant failedAt;

		/**
		 * The client with the credentials the failed request was made with.
		 */
		final EgainClient client;

		Failure(String clientName, Throwable error, int failures, long retryAt, Instant retryAtInstant,
				Instant failedAt, EgainClient client) {
			this.clientName = clientName;
			this.error = error;
			this.outcome = EgainTokenObservations.outcome(error);
			this.failures = failures;
			this.retryAt = retryAt;
			this.retryAtInstant = retryAtInstant;
			this.failedAt = failedAt;
			this.client = client;
		}

		/**
		 * A new exception for one caller (Reactor adds to the exceptions it is given, so
		 * callers never share one): the token request's failure, saying when the next
		 * token request will be made; a failure other than a token request's (e.g. of the
		 * store) is its cause.
		 */
		Throwable repeated(Instant now) {
			if (this.error instanceof EgainClientAuthorizationException ex) {
				return ex.withNextAttemptAt(this.retryAtInstant, now);
			}
			return new IllegalStateException("No token for eGain client '" + this.clientName + "': "
					+ this.error.getClass().getName() + ". No token request for this client before "
					+ this.retryAtInstant, this.error);
		}

	}

	/**
	 * The failure of the token request in flight, on its way to the waiters, each of which
	 * gets an exception of its own; takes no suppressed exceptions and no stack trace.
	 */
	private static final class FailedRequest extends RuntimeException {

		@Serial
		private static final long serialVersionUID = 1L;

		final transient Failure failure;

		FailedRequest(Failure failure) {
			super(null, null, false, false);
			this.failure = failure;
		}

	}

}
