package com.egain.auth.spring.token;

import java.time.Instant;

import reactor.core.publisher.Mono;

import org.springframework.security.oauth2.core.OAuth2AccessToken;

/**
 * One token held by a client, with its refresh point and expiry on monotonic time and
 * its expiry on the wall clock for what is reported. Immutable: a new token is a new
 * instance, so that a caller can tell whether the token it saw is still the one held.
 */
final class CachedToken {

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

	/**
	 * The token as the result of a call, made once rather than per call.
	 */
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

	/**
	 * Whether the token is past its refresh point at the given monotonic time.
	 */
	boolean isDueAt(long now) {
		return now - this.refreshAt >= 0;
	}

	/**
	 * The wall-clock time of the refresh point, for what is reported.
	 */
	Instant reportedRefreshAt() {
		return this.reportedExpiry.minusNanos(this.expiresAt - this.refreshAt);
	}

	boolean isFor(OAuth2AccessToken other) {
		return this.token == other || this.token.getTokenValue().equals(other.getTokenValue());
	}

}
