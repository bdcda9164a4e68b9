package com.egain.auth.spring.token;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import com.egain.auth.spring.EgainClientAuthorizationException;

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
 * @param first the wait after the first failure; it doubles with each further one
 * @param max the longest wait after failures other than credential errors
 * @param credentialWait the wait after a {@code 401} answer, {@code invalid_client},
 * {@code unauthorized_client} or {@code invalid_scope}
 */
record TokenRequestBackoff(Duration first, Duration max, Duration credentialWait) {

	static final TokenRequestBackoff DEFAULT = new TokenRequestBackoff(Duration.ofSeconds(1), Duration.ofSeconds(15),
			Duration.ofSeconds(60));

	private static final Set<String> CREDENTIAL_ERRORS = Set.of("invalid_client", "unauthorized_client",
			"invalid_scope");

	/**
	 * The wait before the next token request after the given number of failures in a row,
	 * the last of them the given one: somewhere between half and all of the nominal wait,
	 * so that instances spread out.
	 */
	Duration delay(int failures, Throwable failure) {
		long exponential = this.first.toMillis() << Math.min(failures - 1, 20);
		long nominal = Math.min(exponential, this.max.toMillis());
		if (isCredentialFailure(failure)) {
			nominal = Math.max(nominal, this.credentialWait.toMillis());
		}
		return Duration.ofMillis(nominal / 2 + ThreadLocalRandom.current().nextLong(nominal / 2 + 1));
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
