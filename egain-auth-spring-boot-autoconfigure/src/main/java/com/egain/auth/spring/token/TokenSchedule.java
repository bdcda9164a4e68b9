package com.egain.auth.spring.token;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.core.OAuth2AccessToken;

/**
 * The token a client holds and when it is refreshed and expires: a new token is
 * refreshed the refresh margin (at most half its lifetime) before it expires, both on
 * monotonic time; its expiry is reported on the wall clock.
 */
final class TokenSchedule {

	private static final Log logger = LogFactory.getLog(TokenSchedule.class);

	private final String clientName;

	private final TokenTime time;

	private final Duration refreshMargin;

	private final AtomicReference<@Nullable CachedToken> current = new AtomicReference<>();

	TokenSchedule(String clientName, TokenTime time, Duration refreshMargin) {
		this.clientName = clientName;
		this.time = time;
		this.refreshMargin = refreshMargin;
	}

	/**
	 * The token held, expired or not, or {@code null}.
	 */
	@Nullable CachedToken get() {
		return this.current.get();
	}

	/**
	 * The token held while it has not expired, or {@code null}.
	 */
	@Nullable CachedToken valid() {
		CachedToken cached = this.current.get();
		return (cached != null && cached.isValidAt(this.time.nanoTime().getAsLong())) ? cached : null;
	}

	/**
	 * Hold the given token from now on, which expires after the given lifetime.
	 * @return the token held, with its refresh point and expiry
	 */
	CachedToken hold(OAuth2AccessToken token, Duration lifetime) {
		long now = this.time.nanoTime().getAsLong();
		long lifetimeMillis = Math.max(lifetime.toMillis(), 0);
		long margin = Math.min(this.refreshMargin.toMillis(), lifetimeMillis / 2);
		CachedToken cached = new CachedToken(token, now + TimeUnit.MILLISECONDS.toNanos(lifetimeMillis - margin),
				now + TimeUnit.MILLISECONDS.toNanos(lifetimeMillis), this.time.clock().instant().plusMillis(lifetimeMillis));
		this.current.set(cached);
		logger.debug("eGain client '" + this.clientName + "' holds a token that expires in " + lifetimeMillis / 1000
				+ " s; refresh in " + (lifetimeMillis - margin) / 1000 + " s");
		return cached;
	}

	/**
	 * Hold no token any more, unless the given one was replaced meanwhile.
	 * @return whether the given token was the one held
	 */
	boolean drop(CachedToken cached) {
		return this.current.compareAndSet(cached, null);
	}

	/**
	 * Whether a token is held that is not yet due for refresh at the given monotonic time.
	 */
	boolean holdsFreshAt(long now) {
		CachedToken held = this.current.get();
		return held != null && held.refreshAt - now > 0;
	}

	/**
	 * The life left to the token held at the given monotonic time, or {@code null} when
	 * no valid token is held.
	 */
	@Nullable Duration remainingLifeAt(long now) {
		CachedToken held = this.current.get();
		return (held != null && held.isValidAt(now)) ? Duration.ofNanos(held.expiresAt - now) : null;
	}

}
