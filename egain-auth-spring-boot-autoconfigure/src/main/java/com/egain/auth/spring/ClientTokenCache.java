package com.egain.auth.spring;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.observation.ObservationRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

import org.springframework.security.oauth2.client.endpoint.OAuth2ClientCredentialsGrantRequest;
import org.springframework.security.oauth2.client.endpoint.ReactiveOAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;

/**
 * The token of one client: reused until its refresh point, then refreshed in the
 * background while it is still used, with at most one token request in flight.
 */
final class ClientTokenCache {

	private static final Log logger = LogFactory.getLog(ClientTokenCache.class);

	private static final long FIRST_REFRESH_RETRY_MILLIS = 1_000;

	private static final long LONGEST_REFRESH_RETRY_MILLIS = 60_000;

	private final String clientName;

	private final OAuth2ClientCredentialsGrantRequest grantRequest;

	private final ReactiveOAuth2AccessTokenResponseClient<OAuth2ClientCredentialsGrantRequest> responseClient;

	private final EgainTokenStore store;

	private final Clock clock;

	private final Duration refreshMargin;

	private final EgainAuthMetrics metrics;

	private final ObservationRegistry observations;

	private volatile String lastError;

	private final AtomicReference<CachedToken> current = new AtomicReference<>();

	private final AtomicReference<Mono<OAuth2AccessToken>> inFlight = new AtomicReference<>();

	private volatile long nextRefreshAttempt;

	private volatile int refreshFailures;

	ClientTokenCache(EgainClient client,
			ReactiveOAuth2AccessTokenResponseClient<OAuth2ClientCredentialsGrantRequest> responseClient,
			EgainTokenStore store, Clock clock, Duration refreshMargin, EgainAuthMetrics metrics,
			ObservationRegistry observations) {
		this.clientName = client.getName();
		this.grantRequest = new OAuth2ClientCredentialsGrantRequest(client.getRegistration());
		this.responseClient = responseClient;
		this.store = store;
		this.clock = clock;
		this.refreshMargin = refreshMargin;
		this.metrics = metrics;
		this.observations = observations;
	}

	/**
	 * Return a usable token: the cached one while it has not expired (starting a background
	 * refresh once it is past its refresh point), else the result of the one token request
	 * in flight.
	 */
	Mono<OAuth2AccessToken> token() {
		CachedToken cached = usable();
		if (cached != null) {
			return cached.mono;
		}
		this.metrics.cacheMiss(this.clientName);
		return sharedRequest();
	}

	/**
	 * Return the cached token while it has not expired (starting a background refresh once
	 * it is past its refresh point), or {@code null} when a caller has to wait for a
	 * request; never starts one itself.
	 */
	OAuth2AccessToken cachedToken() {
		CachedToken cached = usable();
		return (cached != null) ? cached.token : null;
	}

	private CachedToken usable() {
		CachedToken cached = this.current.get();
		if (cached == null) {
			return null;
		}
		long now = this.clock.millis();
		if (now >= cached.expiresAt) {
			return null;
		}
		if (now >= cached.refreshAt) {
			refreshInBackground(now);
		}
		this.metrics.cacheHit(this.clientName);
		return cached;
	}

	/**
	 * Forget the given token if it is still the current one, because the API rejected it.
	 */
	Mono<Void> invalidate(OAuth2AccessToken rejected) {
		CachedToken cached = this.current.get();
		if (cached != null && cached.token.getTokenValue().equals(rejected.getTokenValue())) {
			this.current.compareAndSet(cached, null);
			logger.debug("Dropped the token of eGain client '" + this.clientName + "' after the API rejected it");
		}
		return this.store.remove(this.clientName, rejected);
	}

	/**
	 * The current token, or {@code null}; never starts a request.
	 */
	OAuth2AccessToken currentToken() {
		CachedToken cached = this.current.get();
		return (cached != null && this.clock.millis() < cached.expiresAt) ? cached.token : null;
	}

	/**
	 * The expiry of the current token and the last error; never starts a request.
	 */
	EgainTokenStatus status() {
		CachedToken cached = this.current.get();
		boolean valid = cached != null && this.clock.millis() < cached.expiresAt;
		return new EgainTokenStatus(valid ? Instant.ofEpochMilli(cached.expiresAt) : null, this.lastError);
	}

	private void refreshInBackground(long now) {
		if (now < this.nextRefreshAttempt || this.inFlight.get() != null) {
			return;
		}
		logger.debug("Refreshing the token of eGain client '" + this.clientName + "' in the background");
		sharedRequest().subscribe((token) -> this.metrics.backgroundRefresh(this.clientName, true), (ex) -> {
			this.metrics.backgroundRefresh(this.clientName, false);
			logger.warn("Background refresh of the token of eGain client '"
				+ this.clientName + "' failed; the current token stays in use; next attempt in "
					+ (this.nextRefreshAttempt - this.clock.millis()) + " ms: " + ex.getMessage());
		});
	}

	private void backOff(Throwable ex) {
		this.lastError = EgainTokenObservations.outcome(ex);
		int failures = ++this.refreshFailures;
		long delay = Math.min(FIRST_REFRESH_RETRY_MILLIS << Math.min(failures - 1, 16), LONGEST_REFRESH_RETRY_MILLIS);
		this.nextRefreshAttempt = this.clock.millis() + delay;
	}

	private Mono<OAuth2AccessToken> sharedRequest() {
		while (true) {
			Mono<OAuth2AccessToken> request = this.inFlight.get();
			if (request != null) {
				return request;
			}
			AtomicReference<Mono<OAuth2AccessToken>> self = new AtomicReference<>();
			// The request is no longer in flight before any waiter sees its result, so that a
			// caller that acts on the result never joins a finished request. cache(): every
			// waiter gets the one result, and a waiter that cancels does not cancel the
			// request for the others.
			Mono<OAuth2AccessToken> candidate = Mono.defer(this::loadOrRequest)
				.doOnNext((token) -> this.inFlight.compareAndSet(self.get(), null))
				.doOnError((ex) -> {
					backOff(ex);
					this.inFlight.compareAndSet(self.get(), null);
				})
				.cache();
			self.set(candidate);
			if (this.inFlight.compareAndSet(null, candidate)) {
				return candidate;
			}
		}
	}

	private Mono<OAuth2AccessToken> loadOrRequest() {
		CachedToken cached = this.current.get();
		long now = this.clock.millis();
		if (cached != null && now < cached.refreshAt) {
			// Another request completed between this caller's check and now.
			return cached.mono;
		}
		return this.store.load(this.clientName)
			.filter((stored) -> stored.getExpiresAt() != null)
			.filter((stored) -> cached == null || !stored.getTokenValue().equals(cached.token.getTokenValue()))
			.map((stored) -> remember(stored, Duration.between(this.clock.instant(), stored.getExpiresAt())))
			.filter((stored) -> this.current.get().refreshAt > now)
			.switchIfEmpty(Mono.defer(this::request));
	}

	private Mono<OAuth2AccessToken> request() {
		return EgainTokenObservations
			.observe(this.observations, this.clientName, this.responseClient.getTokenResponse(this.grantRequest))
			.map(OAuth2AccessTokenResponse::getAccessToken)
			.flatMap((token) -> this.store.save(this.clientName, token).thenReturn(token))
			.map((token) -> remember(token, Duration.between(token.getIssuedAt(), token.getExpiresAt())));
	}

	private OAuth2AccessToken remember(OAuth2AccessToken token, Duration lifetime) {
		long now = this.clock.millis();
		long lifetimeMillis = Math.max(lifetime.toMillis(), 0);
		long margin = Math.min(this.refreshMargin.toMillis(), lifetimeMillis / 2);
		CachedToken cached = new CachedToken(token, now + lifetimeMillis - margin, now + lifetimeMillis);
		this.current.set(cached);
		this.lastError = null;
		this.refreshFailures = 0;
		this.nextRefreshAttempt = 0;
		logger.debug("eGain client '" + this.clientName + "' holds a token that expires in " + lifetimeMillis / 1000
				+ " s; refresh in " + (lifetimeMillis - margin) / 1000 + " s");
		return token;
	}

	private static final class CachedToken {

		final OAuth2AccessToken token;

		final long refreshAt;

		final long expiresAt;

		final Mono<OAuth2AccessToken> mono;

		CachedToken(OAuth2AccessToken token, long refreshAt, long expiresAt) {
			this.token = token;
			this.refreshAt = refreshAt;
			this.expiresAt = expiresAt;
			this.mono = Mono.just(token);
		}

	}

}
