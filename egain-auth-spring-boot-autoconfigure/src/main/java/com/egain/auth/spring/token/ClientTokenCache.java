package com.egain.auth.spring.token;

import java.time.Duration;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import com.egain.auth.spring.EgainAuthMetrics;
import com.egain.auth.spring.EgainClientAuthorizationException;
import com.egain.auth.spring.EgainTokenStatus;
import com.egain.auth.spring.credentials.ClientCredentials;
import com.egain.auth.spring.token.FailureMemory.Failure;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.security.oauth2.core.OAuth2AccessToken;

/**
 * The token of one client: reused until its refresh point, then refreshed in the
 * background while it is still used, with at most one token request in flight. A failed
 * token request is remembered: until its backoff has passed, calls fail at once with its
 * error instead of sending a token request each. What an API's 401 leads to is not its
 * job: see {@code EgainTokenRejectionHandler}.
 *
 * <p>It composes the parts that do each job: {@link TokenSchedule} (the token held, its
 * refresh point and expiry), {@link SingleFlight} (one token request in flight),
 * {@link FailureMemory} (the last failure and its backoff) and {@link StoreNegotiation}
 * (the store, or a token request through it).
 *
 * <p>Every interval it keeps (refresh point, expiry, backoff) runs on the
 * monotonic time source, so that a step of the wall clock changes none of them; the
 * clock only dates what is reported ({@link EgainTokenStatus},
 * {@link EgainClientAuthorizationException#getNextAttemptAt()}) and reads the expiry of
 * stored tokens. Nothing thrown while a token request is in flight leaves it in flight,
 * and every caller gets an exception of its own.
 */
final class ClientTokenCache {

	private static final Log logger = LogFactory.getLog(ClientTokenCache.class);

	private final String clientName;

	private final TokenTime time;

	private final LongSupplier nanoTime;

	private final EgainAuthMetrics metrics;

	private final TokenSchedule current;

	private final FailureMemory failures;

	private final SingleFlight<OAuth2AccessToken> flight;

	private final StoreNegotiation store;

	/**
	 * Create the token cache of one client.
	 * @param credentials the client's current credentials
	 * @param sources the token endpoint client and the store
	 * @param time the time sources
	 * @param refreshMargin time before expiry at which a token is refreshed (at most half
	 * its lifetime)
	 * @param backoff the wait after a failed token request, read at each failure
	 * @param metrics the metrics of the token lifecycle
	 */
	ClientTokenCache(ClientCredentials credentials, TokenSources sources, TokenTime time, Duration refreshMargin,
			Supplier<TokenRequestBackoff> backoff, EgainAuthMetrics metrics) {
		this.clientName = credentials.latest().getName();
		this.time = time;
		this.nanoTime = time.nanoTime();
		this.metrics = metrics;
		this.current = new TokenSchedule(this.clientName, time, refreshMargin);
		this.failures = new FailureMemory(this.clientName, time, backoff, credentials, this.current);
		this.flight = new SingleFlight<>((ex) -> {
			Failure failure = this.failures.record(ex);
			return () -> failure.repeated(this.time.clock().instant());
		});
		this.store = new StoreNegotiation(this.clientName, sources, time, credentials, metrics, this.current,
				this::hold);
	}

	/**
	 * Return a usable token: the cached one while it has not expired (starting a background
	 * refresh once it is past its refresh point), else the result of the one token request
	 * in flight, else, while the last token request's backoff lasts, its error at once.
	 */
	Mono<OAuth2AccessToken> get() {
		CachedToken cached = usable();
		if (cached != null) {
			return cached.mono;
		}
		this.metrics.cacheMiss(this.clientName);
		if (this.flight.isIdle()) {
			Failure failure = this.failures.backingOffAt(this.nanoTime.getAsLong());
			if (failure != null) {
				return Mono.error(failure.repeated(this.time.clock().instant()));
			}
		}
		return this.flight.join(this.store::loadOrRequest);
	}

	/**
	 * Return the cached token while it has not expired (starting a background refresh once
	 * it is past its refresh point), or {@code null} when a caller has to wait for a
	 * request; never starts one itself.
	 */
	@Nullable OAuth2AccessToken getNow() {
		CachedToken cached = usable();
		return (cached != null) ? cached.token : null;
	}

	private @Nullable CachedToken usable() {
		CachedToken cached = this.current.get();
		if (cached == null) {
			return null;
		}
		long now = this.nanoTime.getAsLong();
		if (!cached.isValidAt(now)) {
			return null;
		}
		if (cached.isDueAt(now)) {
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
		this.store.rejected(rejected);
		CachedToken cached = this.current.get();
		if (cached != null && cached.isFor(rejected)) {
			this.current.drop(cached);
			logger.debug("Dropped the token of eGain client '" + this.clientName + "' after the API rejected it");
		}
		return this.store.remove(rejected);
	}

	/**
	 * The current token, or {@code null}; never starts a request.
	 */
	@Nullable OAuth2AccessToken peek() {
		CachedToken cached = this.current.valid();
		return (cached != null) ? cached.token : null;
	}

	/**
	 * The expiry and granted scopes of the current token and the last error; never starts
	 * a request.
	 */
	EgainTokenStatus status() {
		CachedToken cached = this.current.valid();
		Failure failure = this.failures.last();
		return new EgainTokenStatus((cached != null) ? cached.reportedExpiry : null,
				(failure != null) ? failure.outcome : null, (cached != null) ? cached.token.getScopes() : Set.of());
	}

	/**
	 * The state of the held token and of the last failed token request, without the
	 * token; never starts a request.
	 */
	EgainTokenDetails details() {
		CachedToken cached = this.current.get();
		Failure failure = this.failures.last();
		long now = this.nanoTime.getAsLong();
		String state = (cached == null) ? "none" : cached.isValidAt(now) ? "valid" : "expired";
		return new EgainTokenDetails(state, (cached != null) ? cached.token.getIssuedAt() : null,
				(cached != null) ? cached.reportedExpiry : null, (cached != null) ? cached.reportedRefreshAt() : null,
				(cached != null) ? cached.token.getScopes() : Set.of(), (failure != null) ? failure.outcome : null,
				(failure != null) ? failure.failedAt : null, (failure != null) ? failure.nextAttemptAt(now) : null);
	}

	private void refreshInBackground(long now) {
		if (this.failures.backingOffAt(now) != null || !this.flight.isIdle()) {
			return;
		}
		logger.debug("Refreshing the token of eGain client '" + this.clientName + "' in the background");
		this.flight.join(this.store::loadOrRequest)
			.subscribe((token) -> this.metrics.backgroundRefresh(this.clientName, true), (ex) -> {
				this.metrics.backgroundRefresh(this.clientName, false);
				logger.warn("Background refresh of the token of eGain client '" + this.clientName
						+ "' failed; the current token stays in use: " + ex.getMessage());
			});
	}

	/**
	 * Request a token now, whatever the held one: the one token request in flight, or a
	 * new one, even during a failed request's backoff.
	 */
	Mono<OAuth2AccessToken> renew() {
		return this.flight.join(this.store::request);
	}

	/**
	 * Make the given token the one held: a token request succeeded, or the store held a
	 * token to take.
	 */
	private void hold(OAuth2AccessToken token, Duration lifetime) {
		this.current.hold(token, lifetime);
		this.failures.clear();
	}

}
