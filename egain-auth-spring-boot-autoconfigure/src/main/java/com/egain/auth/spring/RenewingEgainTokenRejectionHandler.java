package com.egain.auth.spring;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.util.Assert;

/**
 * The starter's {@link EgainTokenRejectionHandler}: bounded renewal with a cool-down.
 *
 * <ul>
 * <li>A rejected token is renewed once, however many requests it was rejected on: the
 * first {@code 401} {@link EgainAccessTokens#invalidate invalidates} it and sends the
 * request once more with a new token; a request rejected on a token that was already
 * replaced goes once more with its replacement.</li>
 * <li>A {@code 401} to a request that is not sent again drops its token once, so that the
 * next request carries a new one, which counts as renewed.</li>
 * <li>When a renewed token is rejected too before any API accepted it, the API probably
 * refuses this client whatever its token: renewal stops for the cool-down (one WARN line,
 * {@link EgainAuthMetrics#renewalSuspended}). During the cool-down nothing is renewed or
 * dropped and {@code 401} answers go to the caller as they are.</li>
 * <li>A renewed token that an API accepted is trusted from then on: rejected later, it is
 * renewed again.</li>
 * </ul>
 *
 * <p>It keeps state only for clients that had a token rejected, and works with any
 * {@link EgainAccessTokens} through {@link EgainAccessTokens#peek(String) peek},
 * {@link EgainAccessTokens#invalidate(String, OAuth2AccessToken) invalidate} and
 * {@link EgainAccessTokens#get(String) get}. The cool-down runs on a monotonic time source,
 * so that a step of the wall clock does not change it.
 */
public final class RenewingEgainTokenRejectionHandler implements EgainTokenRejectionHandler {

	private static final Log logger = LogFactory.getLog(RenewingEgainTokenRejectionHandler.class);

	private final EgainAccessTokens tokens;

	private final EgainAuthMetrics metrics;

	private final Duration cooldown;

	private final LongSupplier nanoTime;

	private final ConcurrentMap<String, Renewals> renewals = new ConcurrentHashMap<>();

	/**
	 * Whether any token was rejected: until then, {@link #onAccepted} reads only this.
	 */
	private volatile boolean anyRejected;

	/**
	 * Create the handler.
	 * @param tokens where the tokens come from
	 * @param metrics the metrics of renewals
	 * @param cooldown how long renewal stops after a renewed token is rejected too
	 */
	public RenewingEgainTokenRejectionHandler(EgainAccessTokens tokens, EgainAuthMetrics metrics, Duration cooldown) {
		this(tokens, metrics, cooldown, System::nanoTime);
	}

	/**
	 * Create the handler with the given monotonic time source, for tests.
	 * @param tokens where the tokens come from
	 * @param metrics the metrics of renewals
	 * @param cooldown how long renewal stops after a renewed token is rejected too
	 * @param nanoTime the monotonic time source, in nanoseconds (like
	 * {@link System#nanoTime()})
	 */
	public RenewingEgainTokenRejectionHandler(EgainAccessTokens tokens, EgainAuthMetrics metrics, Duration cooldown,
			LongSupplier nanoTime) {
		Assert.isTrue(!cooldown.isNegative(), "cooldown must not be negative");
		this.tokens = tokens;
		this.metrics = metrics;
		this.cooldown = cooldown;
		this.nanoTime = nanoTime;
	}

	@Override
	public Mono<OAuth2AccessToken> onRejected(String clientName, OAuth2AccessToken rejected, boolean canResend) {
		Renewals renewals = this.renewals.computeIfAbsent(clientName, Renewals::new);
		this.anyRejected = true;
		return canResend ? renewals.renew(rejected) : renewals.drop(rejected).then(Mono.empty());
	}

	@Override
	public void onAccepted(String clientName, OAuth2AccessToken token) {
		if (!this.anyRejected) {
			return;
		}
		Renewals renewals = this.renewals.get(clientName);
		if (renewals != null) {
			renewals.accepted(token);
		}
	}

	private static boolean same(@Nullable OAuth2AccessToken token, OAuth2AccessToken other) {
		return token == other || (token != null && token.getTokenValue().equals(other.getTokenValue()));
	}

	/**
	 * The renewal state of one client.
	 */
	private final class Renewals {

		private final String clientName;

		/**
		 * The token obtained to replace a rejected one, until an API accepts it.
		 */
		private final AtomicReference<@Nullable OAuth2AccessToken> renewed = new AtomicReference<>();

		/**
		 * The token dropped after a 401 to a request that was not sent again, until the
		 * token that replaces it (which counts as renewed) is seen.
		 */
		private volatile @Nullable OAuth2AccessToken dropped;

		/**
		 * When renewal resumes (monotonic), once {@link #suspended} is set.
		 */
		private volatile long resumesAt;

		private volatile boolean suspended;

		Renewals(String clientName) {
			this.clientName = clientName;
		}

		Mono<OAuth2AccessToken> renew(OAuth2AccessToken rejected) {
			OAuth2AccessToken current = current(rejected);
			if (current == null || !same(current, rejected)) {
				// Already replaced, or being replaced, after another request's 401: no renewal
				// of its own, the request goes once more with the token that replaces it.
				return RenewingEgainTokenRejectionHandler.this.tokens.get(this.clientName);
			}
			if (isSuspended()) {
				return Mono.empty();
			}
			if (isRenewed(current)) {
				suspend(current);
				return Mono.empty();
			}
			return RenewingEgainTokenRejectionHandler.this.tokens.invalidate(this.clientName, rejected)
				.then(Mono.defer(() -> RenewingEgainTokenRejectionHandler.this.tokens.get(this.clientName)))
				.doOnNext(this::markRenewed);
		}

		Mono<Void> drop(OAuth2AccessToken rejected) {
			OAuth2AccessToken current = current(rejected);
			if (isRenewed(rejected)) {
				// A renewed token rejected too, on the request sent once more with it or on
				// one that is not sent again.
				suspend(rejected);
				return Mono.empty();
			}
			if (current == null || !same(current, rejected) || isSuspended()) {
				// Already dropped or replaced after another request's 401, or cooling down.
				return Mono.empty();
			}
			this.dropped = rejected;
			return RenewingEgainTokenRejectionHandler.this.tokens.invalidate(this.clientName, rejected);
		}

		void accepted(OAuth2AccessToken token) {
			if (this.dropped != null) {
				current(token);
			}
			OAuth2AccessToken renewed = this.renewed.get();
			if (renewed != null && same(renewed, token)) {
				this.renewed.compareAndSet(renewed, null);
			}
		}

		/**
		 * The client's current token; when a request that carried it is the first answered
		 * since a token was dropped, it is the dropped token's replacement and counts as
		 * renewed.
		 */
		private @Nullable OAuth2AccessToken current(OAuth2AccessToken answered) {
			OAuth2AccessToken current = RenewingEgainTokenRejectionHandler.this.tokens.peek(this.clientName);
			OAuth2AccessToken dropped = this.dropped;
			if (dropped != null && current != null && same(current, answered) && !same(dropped, answered)) {
				this.dropped = null;
				this.renewed.set(current);
			}
			return current;
		}

		private boolean isRenewed(OAuth2AccessToken token) {
			return same(this.renewed.get(), token);
		}

		private void markRenewed(OAuth2AccessToken token) {
			OAuth2AccessToken current = RenewingEgainTokenRejectionHandler.this.tokens.peek(this.clientName);
			if (current != null && same(current, token)) {
				this.renewed.set(current);
			}
		}

		private boolean isSuspended() {
			return this.suspended && RenewingEgainTokenRejectionHandler.this.nanoTime.getAsLong() - this.resumesAt < 0;
		}

		private void suspend(OAuth2AccessToken rejected) {
			OAuth2AccessToken renewed = this.renewed.get();
			if (renewed == null || !same(renewed, rejected) || !this.renewed.compareAndSet(renewed, null)) {
				return;
			}
			Duration cooldown = RenewingEgainTokenRejectionHandler.this.cooldown;
			this.resumesAt = RenewingEgainTokenRejectionHandler.this.nanoTime.getAsLong() + cooldown.toNanos();
			this.suspended = true;
			RenewingEgainTokenRejectionHandler.this.metrics.renewalSuspended(this.clientName);
			logger.warn("The eGain API rejects fresh tokens of client '" + this.clientName
					+ "' too (HTTP 401 on a token just issued): the client app probably lacks the scope or "
					+ "permission the API needs. Its 401 answers are returned as they are, without new tokens, for "
					+ cooldown.toSeconds() + " s");
		}

	}

}
