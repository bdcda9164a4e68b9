package com.egain.auth.spring.endpoint;

import java.time.Duration;

import com.egain.auth.spring.EgainClientAuthorizationException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * When a failed attempt of a token request is made again: only a
 * {@link EgainClientAuthorizationException#isTransient() transient} failure, up to the
 * number of attempts, after exponential backoff with jitter, or after the endpoint's
 * {@code Retry-After} when it asks for one no longer than the longest backoff.
 *
 * @param maxAttempts the attempts per token request, the first included
 * @param backoff the delay before the first retry; it doubles with every further retry
 * @param maxBackoff the longest delay, and the longest {@code Retry-After} honoured
 */
record TokenRequestRetry(int maxAttempts, Duration backoff, Duration maxBackoff) {

	private static final Log logger = LogFactory.getLog(TokenRequestRetry.class);

	static final TokenRequestRetry DEFAULT = new TokenRequestRetry(3, Duration.ofMillis(500), Duration.ofSeconds(5));

	TokenRequestRetry {
		if (maxAttempts < 1) {
			throw new IllegalArgumentException("maxAttempts must be at least 1");
		}
	}

	/**
	 * The longest time all attempts may take, with the waits between them, when each may
	 * take the given time.
	 */
	Duration timeLimit(Duration attemptTimeLimit) {
		return attemptTimeLimit.multipliedBy(this.maxAttempts).plus(this.maxBackoff.multipliedBy(this.maxAttempts - 1L));
	}

	Retry retry() {
		return Retry.from((signals) -> signals.concatMap((signal) -> {
			Throwable failure = signal.failure();
			long attemptsMade = signal.totalRetries() + 1;
			if (attemptsMade >= this.maxAttempts || !(failure instanceof EgainClientAuthorizationException ex)
					|| !ex.isTransient()) {
				return Mono.error(failure);
			}
			Duration delay = (ex.getRetryAfter() != null) ? ex.getRetryAfter() : delay(attemptsMade);
			if (delay.compareTo(this.maxBackoff) > 0) {
				return Mono.error(failure);
			}
			logger.debug("Retrying token request of eGain client '" + ex.getClientName() + "' in " + delay.toMillis()
					+ " ms after " + ex.getError().getErrorCode());
			return Mono.delay(delay);
		}));
	}

	private Duration delay(long attemptsMade) {
		long capped = ExponentialBackoff.nominalMillis(this.backoff, this.maxBackoff, attemptsMade);
		return Duration.ofMillis(ExponentialBackoff.jitteredMillis(capped));
	}

}
