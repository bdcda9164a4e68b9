package com.egain.auth.spring.endpoint;

import java.time.Duration;
import java.util.LongSummaryStatistics;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The backoff shared by the retries within a token request and the wait after a failed
 * token request: how the nominal wait grows, and how far the jitter takes a wait from it.
 */
class ExponentialBackoffTests {

	private static final Duration FIRST = Duration.ofMillis(500);

	private static final Duration MAX = Duration.ofSeconds(5);

	@Test
	void theNominalWaitStartsAtTheFirstAndDoublesWithEachAttempt() {
		assertThat(ExponentialBackoff.nominalMillis(FIRST, MAX, 1)).isEqualTo(500);
		assertThat(ExponentialBackoff.nominalMillis(FIRST, MAX, 2)).isEqualTo(1_000);
		assertThat(ExponentialBackoff.nominalMillis(FIRST, MAX, 3)).isEqualTo(2_000);
		assertThat(ExponentialBackoff.nominalMillis(FIRST, MAX, 4)).isEqualTo(4_000);
	}

	@Test
	void theNominalWaitStopsAtTheLongest() {
		assertThat(ExponentialBackoff.nominalMillis(FIRST, MAX, 5)).isEqualTo(5_000);
		assertThat(ExponentialBackoff.nominalMillis(FIRST, MAX, 6)).isEqualTo(5_000);
	}

	@Test
	void theNominalWaitNeitherOverflowsNorTurnsNegativeAfterManyAttempts() {
		assertThat(ExponentialBackoff.nominalMillis(FIRST, MAX, 64)).isEqualTo(5_000);
		assertThat(ExponentialBackoff.nominalMillis(FIRST, MAX, Integer.MAX_VALUE)).isEqualTo(5_000);
		assertThat(ExponentialBackoff.nominalMillis(Duration.ofDays(365), Duration.ofDays(3650), 1_000))
			.isEqualTo(Duration.ofDays(3650).toMillis());
	}

	@Test
	void aJitteredWaitIsBetweenHalfAndAllOfTheNominalOne() {
		for (int i = 0; i < 10_000; i++) {
			assertThat(ExponentialBackoff.jitteredMillis(1_000)).isBetween(500L, 1_000L);
		}
	}

	@Test
	void jitteredWaitsSpreadOverTheRange() {
		LongSummaryStatistics waits = new LongSummaryStatistics();
		for (int i = 0; i < 1_000; i++) {
			waits.accept(ExponentialBackoff.jitteredMillis(1_000));
		}
		assertThat(waits.getMin()).isLessThan(600);
		assertThat(waits.getMax()).isGreaterThan(900);
	}

	@Test
	void aNominalWaitOfNothingStaysNothing() {
		assertThat(ExponentialBackoff.jitteredMillis(0)).isZero();
	}

}
