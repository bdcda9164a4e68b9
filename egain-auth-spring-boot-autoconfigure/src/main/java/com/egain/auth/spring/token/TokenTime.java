package com.egain.auth.spring.token;

import java.time.Clock;
import java.util.function.LongSupplier;

/**
 * The two time sources of the token lifecycle: every interval it keeps (refresh point,
 * expiry, backoff, cool-down) runs on the monotonic one, so that a step of the wall clock
 * changes none of them; the wall clock only dates what is reported and reads the expiry
 * of stored tokens.
 *
 * @param clock the wall clock
 * @param nanoTime the monotonic time in nanoseconds, as {@link System#nanoTime()}
 */
record TokenTime(Clock clock, LongSupplier nanoTime) {
}
