package com.egain.auth.spring.endpoint;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter, as the retries within one token request and the wait
 * after a failed token request compute it: a nominal wait that starts at {@code first}
 * and doubles with each further attempt up to {@code max}, and an actual wait somewhere
 * between half and all of the nominal one, so that instances spread out. Each user keeps
 * its own settings, bounds and {@code Retry-After} handling on top of it.
 *
 * <p>Internal to the starter: public only because the token cache, in another package,
 * uses it too.
 */
public final class ExponentialBackoff {

	/**
	 * The most doublings: the nominal wait stops growing long before the shift overflows.
	 */
	private static final int MAX_DOUBLINGS = 20;

	private ExponentialBackoff() {
	}

	/**
	 * The nominal wait before the given attempt: {@code first} doubled once per attempt
	 * after the first, at most {@code max}.
	 * @param first the wait after the first attempt
	 * @param max the longest wait
	 * @param attempt the attempt, 1 for the first
	 * @return the nominal wait in milliseconds
	 */
	public static long nominalMillis(Duration first, Duration max, long attempt) {
		long exponential = first.toMillis() << Math.min(attempt - 1, MAX_DOUBLINGS);
		return Math.min(exponential, max.toMillis());
	}

	/**
	 * A wait somewhere between half and all of the given nominal one, at random.
	 * @param nominalMillis the nominal wait in milliseconds
	 * @return the wait in milliseconds
	 */
	public static long jitteredMillis(long nominalMillis) {
		return nominalMillis / 2 + ThreadLocalRandom.current().nextLong(nominalMillis / 2 + 1);
	}

}
