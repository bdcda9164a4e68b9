package com.egain.auth.spring;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.micrometer.observation.ObservationRegistry;
import reactor.core.publisher.Mono;

import org.springframework.security.oauth2.core.OAuth2AccessToken;

/**
 * The access tokens of the configured eGain clients, for callers that need the raw token
 * (e.g. to hand an anonymous-customer token to a browser widget). The pre-authorized
 * WebClients get their tokens from here too.
 *
 * <p>Per client: the token is reused until {@code expires_in} minus the refresh margin
 * (at most half the lifetime); after that point it is still used while a background
 * refresh replaces it; at most one token request is in flight at any time, and every
 * caller waiting for it gets its result. After a failed token request, calls fail at once
 * with its error until its backoff has passed (see
 * {@link EgainAuthenticationException#getNextAttemptAt()}), so a failing client does not
 * send a token request per call.
 */
public class EgainAccessTokens {

	private final EgainClientRegistrations registrations;

	private final Map<String, ClientTokenCache> caches = new LinkedHashMap<>();

	private final EgainAuthMetrics metrics;

	private volatile TokenRequestBackoff backoff = TokenRequestBackoff.DEFAULT;

	private volatile Duration rejectedTokenCooldown = Duration.ofSeconds(30);

	/**
	 * Create the token caches, without metrics or observations.
	 * @param registrations the clients
	 * @param responseClient the client for the token endpoints
	 * @param store where tokens are kept
	 * @param refreshMargin time before expiry at which a token is refreshed (at most half
	 * its lifetime)
	 * @param clock the clock
	 */
	public EgainAccessTokens(EgainClientRegistrations registrations, EgainTokenResponseClient responseClient,
			EgainTokenStore store, Duration refreshMargin, Clock clock) {
		this(registrations, responseClient, store, refreshMargin, clock, EgainAuthMetrics.NONE,
				ObservationRegistry.NOOP);
	}

	/**
	 * Create the token caches.
	 * @param registrations the clients
	 * @param responseClient the client for the token endpoints
	 * @param store where tokens are kept
	 * @param refreshMargin time before expiry at which a token is refreshed (at most half
	 * its lifetime)
	 * @param clock the clock
	 * @param metrics the metrics of the token lifecycle
	 * @param observations the registry of the {@code egain.auth.token.request}
	 * observations
	 */
	public EgainAccessTokens(EgainClientRegistrations registrations, EgainTokenResponseClient responseClient,
			EgainTokenStore store, Duration refreshMargin, Clock clock, EgainAuthMetrics metrics,
			ObservationRegistry observations) {
		this.registrations = registrations;
		this.metrics = metrics;
		for (EgainClient client : registrations) {
			this.caches.put(client.getName(), new ClientTokenCache(client, responseClient, store, clock,
					refreshMargin, () -> this.backoff, metrics, observations));
		}
	}

	/**
	 * Set how long a client waits after a failed token request before it makes the next
	 * one; meanwhile its calls fail at once with that request's error. Defaults: 1 s,
	 * 15 s, 60 s.
	 * @param failureBackoff the wait after a first failure; it doubles with each further
	 * failure in a row, with jitter
	 * @param maxFailureBackoff the longest wait after failures that may pass (5xx, 429,
	 * timeouts, an unreachable endpoint, an unusable response)
	 * @param credentialFailureBackoff the wait after {@code invalid_client},
	 * {@code unauthorized_client} or {@code invalid_scope}
	 */
	public void setFailureBackoff(Duration failureBackoff, Duration maxFailureBackoff,
			Duration credentialFailureBackoff) {
		this.backoff = new TokenRequestBackoff(failureBackoff, maxFailureBackoff, credentialFailureBackoff);
	}

	/**
	 * Set how long a client stops renewing tokens after an API rejected a token that had
	 * just replaced a rejected one: during that time its 401 answers are returned as they
	 * are.
	 * @param rejectedTokenCooldown the cool-down
	 */
	public void setRejectedTokenCooldown(Duration rejectedTokenCooldown) {
		this.rejectedTokenCooldown = rejectedTokenCooldown;
	}

	/**
	 * Return a valid access token of the given client, requesting one only when none is
	 * held.
	 * @param clientName the client's name
	 * @return the token, or an {@link EgainAuthenticationException}
	 * @throws IllegalArgumentException if no client has that name
	 */
	public Mono<OAuth2AccessToken> get(String clientName) {
		return cache(clientName).token();
	}

	/**
	 * Return the cached token of the given client without waiting: the hot path of the
	 * pre-authorized clients. Like {@link #get(String)}, it starts a background refresh
	 * once the token is past its refresh point.
	 * @param clientName the client's name
	 * @return the unexpired cached token, or {@code null} when {@link #get(String)} would
	 * have to wait for a token request
	 */
	OAuth2AccessToken cachedToken(String clientName) {
		return cache(clientName).cachedToken();
	}

	/**
	 * After an API answered 401 to a request that carried the given token: return the token
	 * to send the request once more with, or empty when the 401 is to be returned as it is.
	 * Each rejected token is renewed once, however many requests it was rejected on; when
	 * the token that replaced a rejected one is rejected too, the client stops renewing for
	 * the {@link #setRejectedTokenCooldown(Duration) cool-down}.
	 * @param clientName the client's name
	 * @param rejected the rejected token
	 * @return the token to send the request with once more, or empty
	 */
	Mono<OAuth2AccessToken> renewAfterRejection(String clientName, OAuth2AccessToken rejected) {
		return cache(clientName).renewAfterRejection(rejected, this.rejectedTokenCooldown);
	}

	/**
	 * Note that an API rejected a token of the given client that had just replaced a
	 * rejected one: the client stops renewing for the cool-down.
	 * @param clientName the client's name
	 * @param token the rejected token
	 */
	void renewedTokenRejected(String clientName, OAuth2AccessToken token) {
		cache(clientName).renewedTokenRejected(token, this.rejectedTokenCooldown);
	}

	/**
	 * Note that an API accepted the given token of the given client.
	 * @param clientName the client's name
	 * @param token the accepted token
	 */
	void accepted(String clientName, OAuth2AccessToken token) {
		cache(clientName).accepted(token);
	}

	/**
	 * Log that a call of the given client failed for want of a token, once per failed
	 * token request at ERROR.
	 * @param clientName the client's name
	 * @param call the method and path of the call
	 * @param ex the error
	 */
	void logFailedCall(String clientName, String call, Throwable ex) {
		cache(clientName).logFailedCall(call, ex);
	}

	/**
	 * Drop the given token of the given client because an API rejected it, so that the
	 * next {@link #get(String)} requests a new one. The token is never taken back from the
	 * store, even before the store has removed it.
	 * @param clientName the client's name
	 * @param rejected the rejected token
	 * @return completion
	 */
	public Mono<Void> invalidate(String clientName, OAuth2AccessToken rejected) {
		return cache(clientName).invalidate(rejected);
	}

	/**
	 * Return the token currently held for the given client, without requesting one.
	 * @param clientName the client's name
	 * @return the unexpired token, or {@code null}
	 */
	public OAuth2AccessToken peek(String clientName) {
		return cache(clientName).currentToken();
	}

	/**
	 * Return the expiry of the given client's token and its last token request error,
	 * without requesting a token.
	 * @param clientName the client's name
	 * @return the status
	 */
	public EgainTokenStatus status(String clientName) {
		return cache(clientName).status();
	}

	EgainAuthMetrics metrics() {
		return this.metrics;
	}

	private ClientTokenCache cache(String clientName) {
		ClientTokenCache cache = this.caches.get(clientName);
		if (cache == null) {
			this.registrations.get(clientName);
			throw new IllegalStateException("No token cache for eGain client '" + clientName + "'");
		}
		return cache;
	}

}
