package com.egain.auth.spring.token;

import java.time.Duration;
import java.util.Set;

import com.egain.auth.spring.EgainClientAuthorizationException;
import com.egain.auth.spring.endpoint.ExponentialBackoff;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;

/**
 * How long a client waits after a failed token request before it makes the next one:
 * exponential from {@code first} up to {@code max} for failures other than credential
 * errors (5xx, 429, timeouts, unreachable endpoints, unusable responses, other 4xx
 * errors), and at least {@code credentialWait} (nominally) when eGain refused the
 * credentials or scopes (any {@code 401} answer, or one of the codes below), which no
 * retry mends. Each wait is between half and all of its nominal value (jitter).
 *
 * <p>While the client still holds a valid token (a background refresh failed), the wait
 * is at most a third of that token's remaining life (never under half a second), so
 * that a refresh lands before expiry whenever eGain is back in time. When eGain asked
 * for a wait with {@code Retry-After}, the wait is at least that (at most
 * {@code maxRetryAfter}), whatever the rest says.
 *
 * @param first the wait after the first failure; it doubles with each further one
 * @param max the longest wait after failures other than credential errors
 * @param credentialWait the wait after a {@code 401} answer, {@code invalid_client},
 * {@code unauthorized_client} or {@code invalid_scope}
 * @param maxRetryAfter the longest {@code Retry-After} honoured
 */
record TokenRequestBackoff(Duration first, Duration max, Duration credentialWait, Duration maxRetryAfter) {

	static final Duration DEFAULT_MAX_RETRY_AFTER = Duration.ofMinutes(10);

	static final TokenRequestBackoff DEFAULT = new TokenRequestBackoff(Duration.ofSeconds(1), Duration.ofSeconds(15),
			Duration.ofSeconds(60));

	/**
	 * The shortest wait before a retry while a valid token is held.
	 */
	static final long SHORTEST_WAIT_BEFORE_EXPIRY_MILLIS = 500;

	private static final Set<String> CREDENTIAL_ERRORS = Set.of("invalid_client", "unauthorized_client",
			"invalid_scope");

	TokenRequestBackoff(Duration first, Duration max, Duration credentialWait) {
		this(first, max, credentialWait, DEFAULT_MAX_RETRY_AFTER);
	}

	/**
	 * The wait before the next token request after the given number of failures in a row,
	 * the last of them the given one: somewhere between half and all of the nominal wait,
	 * so that instances spread out; at most a third of the remaining life of the token
	 * held; at least the {@code Retry-After} eGain asked for.
	 * @param failures the failures in a row, at least 1
	 * @param failure the last failure
	 * @param remainingLife the remaining life of the valid token the client holds, or
	 * {@code null} when it holds none
	 */
	Duration delay(int failures, Throwable failure, @Nullable Duration remainingLife) {
		long nominal = ExponentialBackoff.nominalMillis(this.first, this.max, failures);
		if (isCredentialFailure(failure)) {
			nominal = Math.max(nominal, this.credentialWait.toMillis());
		}
		long wait = ExponentialBackoff.jitteredMillis(nominal);
		if (remainingLife != null) {
			wait = Math.min(wait, Math.max(remainingLife.toMillis() / 3, SHORTEST_WAIT_BEFORE_EXPIRY_MILLIS));
		}
		Duration retryAfter = (failure instanceof EgainClientAuthorizationException ex) ? ex.getRetryAfter() : null;
		if (retryAfter != null) {
			wait = Math.max(wait, Math.min(retryAfter.toMillis(), this.maxRetryAfter.toMillis()));
		}
		return Duration.ofMillis(wait);
	}

	static boolean isCredentialFailure(Throwable failure) {
		if (failure instanceof EgainClientAuthorizationException ex && ex.getStatusCode() != null
				&& ex.getStatusCode().value() == HttpStatus.UNAUTHORIZED.value()) {
			// The token endpoint refused the client, whatever error code its body named.
			return true;
		}
		return failure instanceof OAuth2AuthorizationException ex
				&& CREDENTIAL_ERRORS.contains(ex.getError().getErrorCode());
	}

}
