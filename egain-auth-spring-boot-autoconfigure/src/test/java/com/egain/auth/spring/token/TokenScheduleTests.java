package com.egain.auth.spring.token;

import java.time.Duration;
import java.time.Instant;

import com.egain.auth.spring.MutableClock;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.core.OAuth2AccessToken;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the token held is refreshed and expires, on monotonic time, and what is reported
 * of it on the wall clock. Time moved by hand.
 */
class TokenScheduleTests {

	private static final Instant START = Instant.parse("2026-12-03T10:00:00Z");

	private final MutableClock clock = new MutableClock(START);

	private final TokenSchedule schedule = new TokenSchedule("portal", new TokenTime(this.clock, this.clock::nanoTime),
			Duration.ofSeconds(60));

	@Test
	void aTokenIsDueTheRefreshMarginBeforeItExpires() {
		CachedToken held = this.schedule.hold(token("t1"), Duration.ofMinutes(10));
		this.clock.advance(Duration.ofSeconds(539));
		assertThat(held.isDueAt(this.clock.nanoTime())).isFalse();
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(held.isDueAt(this.clock.nanoTime())).isTrue();
		assertThat(held.isValidAt(this.clock.nanoTime())).isTrue();
	}

	@Test
	void theRefreshMarginIsAtMostHalfTheLifetime() {
		CachedToken held = this.schedule.hold(token("t1"), Duration.ofSeconds(80));
		this.clock.advance(Duration.ofSeconds(39));
		assertThat(held.isDueAt(this.clock.nanoTime())).isFalse();
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(held.isDueAt(this.clock.nanoTime())).isTrue();
	}

	@Test
	void aTokenExpiresAfterItsLifetime() {
		this.schedule.hold(token("t1"), Duration.ofMinutes(10));
		this.clock.advance(Duration.ofMinutes(10).minusMillis(1));
		assertThat(this.schedule.valid()).isNotNull();
		this.clock.advance(Duration.ofMillis(1));
		assertThat(this.schedule.valid()).isNull();
		assertThat(this.schedule.get()).isNotNull();
	}

	@Test
	void aTokenWithoutLifeLeftIsExpiredAtOnce() {
		this.schedule.hold(token("t1"), Duration.ofSeconds(-5));
		assertThat(this.schedule.valid()).isNull();
	}

	@Test
	void aStepOfTheWallClockMovesNeitherTheRefreshPointNorTheExpiry() {
		CachedToken held = this.schedule.hold(token("t1"), Duration.ofMinutes(10));
		this.clock.step(Duration.ofHours(1));
		assertThat(held.isDueAt(this.clock.nanoTime())).isFalse();
		assertThat(this.schedule.valid()).isSameAs(held);
		this.clock.step(Duration.ofHours(-2));
		this.clock.advance(Duration.ofMinutes(10));
		assertThat(this.schedule.valid()).isNull();
	}

	@Test
	void theExpiryAndRefreshPointAreReportedOnTheWallClockOfWhenTheTokenWasHeld() {
		CachedToken held = this.schedule.hold(token("t1"), Duration.ofMinutes(10));
		assertThat(held.reportedExpiry).isEqualTo(START.plus(Duration.ofMinutes(10)));
		assertThat(held.reportedRefreshAt()).isEqualTo(START.plus(Duration.ofMinutes(9)));
	}

	@Test
	void theRemainingLifeIsThatOfTheValidTokenHeld() {
		assertThat(this.schedule.remainingLifeAt(this.clock.nanoTime())).isNull();
		this.schedule.hold(token("t1"), Duration.ofMinutes(10));
		this.clock.advance(Duration.ofMinutes(4));
		assertThat(this.schedule.remainingLifeAt(this.clock.nanoTime())).isEqualTo(Duration.ofMinutes(6));
		this.clock.advance(Duration.ofMinutes(6));
		assertThat(this.schedule.remainingLifeAt(this.clock.nanoTime())).isNull();
	}

	@Test
	void aTokenIsFreshUntilItsRefreshPoint() {
		assertThat(this.schedule.holdsFreshAt(this.clock.nanoTime())).isFalse();
		this.schedule.hold(token("t1"), Duration.ofMinutes(10));
		assertThat(this.schedule.holdsFreshAt(this.clock.nanoTime())).isTrue();
		this.clock.advance(Duration.ofMinutes(9));
		assertThat(this.schedule.holdsFreshAt(this.clock.nanoTime())).isFalse();
	}

	@Test
	void aTokenIsDroppedOnlyWhileItIsTheOneHeld() {
		CachedToken first = this.schedule.hold(token("t1"), Duration.ofMinutes(10));
		CachedToken second = this.schedule.hold(token("t2"), Duration.ofMinutes(10));
		assertThat(this.schedule.drop(first)).isFalse();
		assertThat(this.schedule.get()).isSameAs(second);
		assertThat(this.schedule.drop(second)).isTrue();
		assertThat(this.schedule.get()).isNull();
	}

	@Test
	void aHeldTokenIsForAnyTokenWithItsValue() {
		CachedToken held = this.schedule.hold(token("t1"), Duration.ofMinutes(10));
		assertThat(held.isFor(token("t1"))).isTrue();
		assertThat(held.isFor(token("t2"))).isFalse();
	}

	private OAuth2AccessToken token(String value) {
		return new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, value, this.clock.instant(),
				this.clock.instant().plus(Duration.ofMinutes(10)));
	}

}
