package com.egain.auth.spring.token;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

import com.egain.auth.spring.EgainClient;
import com.egain.auth.spring.EgainClientAuthorizationException;
import com.egain.auth.spring.credentials.ClientCredentials;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The last failed token request of a client since its last success, and when the next
 * may be made: the backoff grows with the failures in a row made with the same
 * credentials, is at most a third of the remaining life of the token held (see
 * {@link TokenRequestBackoff}), and ends early when the client's id or secret changes.
 */
final class FailureMemory {

	private static final Log logger = LogFactory.getLog(FailureMemory.class);

	private final String clientName;

	private final TokenTime time;

	private final Supplier<TokenRequestBackoff> backoff;

	private final ClientCredentials credentials;

	private final TokenSchedule schedule;

	/**
	 * The last failed token request since the last success, or {@code null}.
	 */
	private volatile @Nullable Failure failure;

	/**
	 * @param backoff the backoff, read at each failure
	 * @param schedule the token held, whose remaining life bounds the backoff
	 */
	FailureMemory(String clientName, TokenTime time, Supplier<TokenRequestBackoff> backoff,
			ClientCredentials credentials, TokenSchedule schedule) {
		this.clientName = clientName;
		this.time = time;
		this.backoff = backoff;
		this.credentials = credentials;
		this.schedule = schedule;
	}

	/**
	 * The last failure since the last success, or {@code null}.
	 */
	@Nullable Failure last() {
		return this.failure;
	}

	/**
	 * The last failure while its backoff lasts at the given monotonic time and the
	 * credentials it was made with are still those of the client, else {@code null}.
	 */
	@Nullable Failure backingOffAt(long now) {
		Failure failure = this.failure;
		return (failure != null && failure.isBackingOffAt(now) && !credentialsChangedSince(failure)) ? failure : null;
	}

	/**
	 * Whether the client's id or secret changed since the given failure: a changed secret
	 * ends the backoff of a token request that the old one failed.
	 */
	private boolean credentialsChangedSince(Failure failure) {
		return this.credentials.poll() != failure.client;
	}

	/**
	 * Remember a failed token request, and when the next token request may be made.
	 */
	Failure record(Throwable ex) {
		Failure previous = this.failure;
		EgainClient client = this.credentials.latest();
		int failures = (previous != null && previous.client == client) ? previous.failures + 1 : 1;
		long now = this.time.nanoTime().getAsLong();
		Duration delay = delay(failures, ex, now);
		Instant failedAt = this.time.clock().instant();
		Failure failure = new Failure(this.clientName, ex, failures, now + delay.toNanos(), failedAt.plus(delay),
				failedAt, client);
		this.failure = failure;
		return failure;
	}

	/**
	 * Forget the last failure: a token request succeeded.
	 */
	void clear() {
		this.failure = null;
	}

	/**
	 * The backoff after the given failure, bounded by the life left to the token held;
	 * the default backoff's when the configured one fails to say.
	 */
	private Duration delay(int failures, Throwable ex, long now) {
		Duration remainingLife = this.schedule.remainingLifeAt(now);
		try {
			Duration delay = this.backoff.get().delay(failures, ex, remainingLife);
			if (delay.isNegative()) {
				throw new IllegalArgumentException("negative backoff " + delay);
			}
			return delay;
		}
		catch (RuntimeException unusable) {
			logger.warn("The failure backoff of eGain client '" + this.clientName + "' is unusable ("
					+ unusable.getMessage() + "); using the default backoff");
			return TokenRequestBackoff.DEFAULT.delay(failures, ex, remainingLife);
		}
	}

	/**
	 * A failed token request: its error, how many failed in a row, and when the next may
	 * be made.
	 */
	static final class Failure {

		private final String clientName;

		private final Throwable error;

		final String outcome;

		private final int failures;

		/**
		 * Monotonic.
		 */
		private final long retryAt;

		private final Instant retryAtInstant;

		final Instant failedAt;

		/**
		 * The client with the credentials the failed request was made with.
		 */
		private final EgainClient client;

		Failure(String clientName, Throwable error, int failures, long retryAt, Instant retryAtInstant,
				Instant failedAt, EgainClient client) {
			this.clientName = clientName;
			this.error = error;
			this.outcome = EgainTokenObservations.outcome(error);
			this.failures = failures;
			this.retryAt = retryAt;
			this.retryAtInstant = retryAtInstant;
			this.failedAt = failedAt;
			this.client = client;
		}

		boolean isBackingOffAt(long now) {
			return now - this.retryAt < 0;
		}

		/**
		 * When the next token request may be made, while its backoff lasts at the given
		 * monotonic time, else {@code null}.
		 */
		@Nullable Instant nextAttemptAt(long now) {
			return isBackingOffAt(now) ? this.retryAtInstant : null;
		}

		/**
		 * A new exception for one caller (Reactor adds to the exceptions it is given, so
		 * callers never share one): the token request's failure, saying when the next
		 * token request will be made; a failure other than a token request's (e.g. of the
		 * store) is its cause.
		 */
		Throwable repeated(Instant now) {
			if (this.error instanceof EgainClientAuthorizationException ex) {
				return ex.withNextAttemptAt(this.retryAtInstant, now);
			}
			return new IllegalStateException("No token for eGain client '" + this.clientName + "': "
					+ this.error.getClass().getName() + ". No token request for this client before "
					+ this.retryAtInstant, this.error);
		}

	}

}
