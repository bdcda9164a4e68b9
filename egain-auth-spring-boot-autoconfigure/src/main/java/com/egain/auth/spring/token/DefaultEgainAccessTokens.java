package com.egain.auth.spring.token;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

import com.egain.auth.spring.EgainAccessTokens;
import com.egain.auth.spring.EgainAuthMetrics;
import com.egain.auth.spring.EgainClient;
import com.egain.auth.spring.EgainClientAuthorizationException;
import com.egain.auth.spring.EgainClientRegistrations;
import com.egain.auth.spring.EgainTokenStatus;
import com.egain.auth.spring.EgainTokenStore;
import com.egain.auth.spring.credentials.EgainCredentials;
import com.egain.auth.spring.endpoint.EgainTokenResponseClient;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.security.oauth2.core.OAuth2AccessToken;

/**
 * The starter's {@link EgainAccessTokens}: one token cache per configured client.
 *
 * <p>Per client: the token is reused until {@code expires_in} minus the refresh margin
 * (at most half the lifetime); after that point it is still used while a background
 * refresh replaces it; at most one token request is in flight at any time, and every
 * caller waiting for it gets its result. After a failed token request, calls fail at once
 * with its error until its backoff has passed (see
 * {@link EgainClientAuthorizationException#getNextAttemptAt()}), so a failing client does not
 * send a token request per call; at least until the instant a {@code Retry-After} asked
 * for; while a valid token is held, at most a third of its remaining life.
 */
public class DefaultEgainAccessTokens implements EgainAccessTokens {

	private final EgainClientRegistrations registrations;

	private final Map<String, ClientTokenCache> caches = new LinkedHashMap<>();

	private volatile TokenRequestBackoff backoff = TokenRequestBackoff.DEFAULT;

	/**
	 * Create the token caches, without metrics or observations.
	 * @param registrations the clients
	 * @param responseClient the client for the token endpoints
	 * @param store where tokens are kept
	 * @param refreshMargin time before expiry at which a token is refreshed (at most half
	 * its lifetime)
	 * @param clock the clock
	 */
	public DefaultEgainAccessTokens(EgainClientRegistrations registrations, EgainTokenResponseClient responseClient,
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
	public DefaultEgainAccessTokens(EgainClientRegistrations registrations, EgainTokenResponseClient responseClient,
			EgainTokenStore store, Duration refreshMargin, Clock clock, EgainAuthMetrics metrics,
			ObservationRegistry observations) {
		this(registrations, responseClient, store, refreshMargin, clock, System::nanoTime, metrics, observations);
	}

	/**
	 * Create the token caches with the given time sources: every interval they keep
	 * (refresh point, expiry, backoff, cool-down) runs on the monotonic one, so that a
	 * step of the wall clock changes none of them; the clock dates what is reported
	 * ({@link EgainTokenStatus}, {@link EgainClientAuthorizationException#getNextAttemptAt()})
	 * and reads the expiry of stored tokens.
	 * @param registrations the clients
	 * @param responseClient the client for the token endpoints
	 * @param store where tokens are kept
	 * @param refreshMargin time before expiry at which a token is refreshed (at most half
	 * its lifetime)
	 * @param clock the wall clock
	 * @param nanoTime the monotonic time in nanoseconds, as {@link System#nanoTime()}
	 * @param metrics the metrics of the token lifecycle
	 * @param observations the registry of the {@code egain.auth.token.request}
	 * observations
	 */
	public DefaultEgainAccessTokens(EgainClientRegistrations registrations, EgainTokenResponseClient responseClient,
			EgainTokenStore store, Duration refreshMargin, Clock clock, LongSupplier nanoTime, EgainAuthMetrics metrics,
			ObservationRegistry observations) {
		this(registrations, responseClient, store, refreshMargin, clock, nanoTime, metrics, observations,
				EgainCredentials.of(registrations));
	}

	/**
	 * Create the token caches with the given time sources, whose token requests take each
	 * client's id and secret from its current credentials.
	 * @param registrations the clients
	 * @param responseClient the client for the token endpoints
	 * @param store where tokens are kept
	 * @param refreshMargin time before expiry at which a token is refreshed (at most half
	 * its lifetime)
	 * @param clock the wall clock
	 * @param nanoTime the monotonic time in nanoseconds, as {@link System#nanoTime()}
	 * @param metrics the metrics of the token lifecycle
	 * @param observations the registry of the {@code egain.auth.token.request}
	 * observations
	 * @param credentials the current credentials of the clients
	 */
	public DefaultEgainAccessTokens(EgainClientRegistrations registrations, EgainTokenResponseClient responseClient,
			EgainTokenStore store, Duration refreshMargin, Clock clock, LongSupplier nanoTime, EgainAuthMetrics metrics,
			ObservationRegistry observations, EgainCredentials credentials) {
		this.registrations = registrations;
		TokenSources sources = new TokenSources(responseClient, store, observations);
		TokenTime time = new TokenTime(clock, nanoTime);
		for (EgainClient client : registrations) {
			this.caches.put(client.getName(), new ClientTokenCache(credentials.forClient(client), sources, time,
					refreshMargin, () -> this.backoff, metrics));
		}
	}

	/**
	 * Set how long a client waits after a failed token request before it makes the next
	 * one; meanwhile its calls fail at once with that request's error. Defaults: 1 s,
	 * 15 s, 60 s.
	 * @param failureBackoff the wait after a first failure; it doubles with each further
	 * failure in a row, with jitter
	 * @param maxFailureBackoff the longest wait after failures other than credential
	 * errors (5xx, 429, timeouts, an unreachable endpoint, an unusable response, other
	 * 4xx errors)
	 * @param credentialFailureBackoff the nominal wait after a {@code 401} answer,
	 * {@code invalid_client}, {@code unauthorized_client} or {@code invalid_scope}; each
	 * wait is between half and all of it
	 */
	public void setFailureBackoff(Duration failureBackoff, Duration maxFailureBackoff,
			Duration credentialFailureBackoff) {
		this.backoff = new TokenRequestBackoff(failureBackoff, maxFailureBackoff, credentialFailureBackoff,
				this.backoff.maxRetryAfter());
	}

	/**
	 * Set the longest wait before the next token request that a token endpoint may ask
	 * for with {@code Retry-After} (on a 429 or 503): after such an answer the client makes
	 * no token request before the time asked for, up to this, whatever the failure
	 * backoff says. Default: 10 min.
	 * @param maxRetryAfter the longest {@code Retry-After} honoured
	 */
	public void setMaxRetryAfter(Duration maxRetryAfter) {
		TokenRequestBackoff backoff = this.backoff;
		this.backoff = new TokenRequestBackoff(backoff.first(), backoff.max(), backoff.credentialWait(),
				maxRetryAfter);
	}

	@Override
	public Mono<OAuth2AccessToken> get(String clientName) {
		return cache(clientName).get();
	}

	@Override
	public @Nullable OAuth2AccessToken getNow(String clientName) {
		return cache(clientName).getNow();
	}

	@Override
	public Mono<Void> invalidate(String clientName, OAuth2AccessToken rejected) {
		return cache(clientName).invalidate(rejected);
	}

	@Override
	public @Nullable OAuth2AccessToken peek(String clientName) {
		return cache(clientName).peek();
	}

	@Override
	public EgainTokenStatus status(String clientName) {
		return cache(clientName).status();
	}

	/**
	 * Return what an operator may see of the given client's token, without the token.
	 * @param clientName the client's name
	 * @return the details
	 * @throws IllegalArgumentException if no client has that name
	 */
	public EgainTokenDetails details(String clientName) {
		return cache(clientName).details();
	}

	/**
	 * Request a new token of the given client now, whatever the held one and even during
	 * a failed token request's backoff (e.g. right after a rotation); a token request
	 * already in flight is joined instead.
	 * @param clientName the client's name
	 * @return the new token, or an {@link EgainClientAuthorizationException}
	 * @throws IllegalArgumentException if no client has that name
	 */
	public Mono<OAuth2AccessToken> renew(String clientName) {
		return cache(clientName).renew();
	}

	private ClientTokenCache cache(String clientName) {
		ClientTokenCache cache = this.caches.get(clientName);
		if (cache != null) {
			return cache;
		}
		// Throws, naming the configured clients, for a name that is not one of them.
		EgainClient client = this.registrations.get(clientName);
		throw new IllegalStateException("No token cache for eGain client '" + client.getName()
				+ "': the registrations changed after this bean was created");
	}

}
