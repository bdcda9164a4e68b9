package com.egain.auth.spring;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock that tests move forward by hand, with a monotonic time ({@link #nanoTime()})
 * that moves with it; {@link #step(Duration)} moves the wall clock alone, as an NTP
 * correction or a manual change of the system time would.
 */
public final class MutableClock extends Clock {

	private volatile Instant now;

	private final AtomicLong nanoTime = new AtomicLong(123_456_789_000L);

	public MutableClock(Instant start) {
		this.now = start;
	}

	public void advance(Duration duration) {
		this.nanoTime.addAndGet(duration.toNanos());
		this.now = this.now.plus(duration);
	}

	/**
	 * Step the wall clock alone, forward or back; the monotonic time stays.
	 * @param step the step
	 */
	public void step(Duration step) {
		this.now = this.now.plus(step);
	}

	/**
	 * The monotonic time, in nanoseconds, as {@link System#nanoTime()}.
	 * @return the time
	 */
	public long nanoTime() {
		return this.nanoTime.get();
	}

	@Override
	public Instant instant() {
		return this.now;
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return this;
	}

}
