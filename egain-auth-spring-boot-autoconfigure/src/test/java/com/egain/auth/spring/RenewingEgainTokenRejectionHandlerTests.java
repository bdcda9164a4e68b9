package com.egain.auth.spring;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.security.oauth2.core.OAuth2AccessToken;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter's bounded renewal after a {@code 401}, on tokens numbered t1, t2, ... and a
 * monotonic time moved by hand.
 */
class RenewingEgainTokenRejectionHandlerTests {

	private final AtomicLong nanoTime = new AtomicLong(1_000_000_000L);

	private final NumberedTokens tokens = new NumberedTokens();

	private final AtomicInteger suspensions = new AtomicInteger();

	private final EgainAuthMetrics metrics = new EgainAuthMetrics() {

		@Override
		public void renewalSuspended(String clientName) {
			RenewingEgainTokenRejectionHandlerTests.this.suspensions.incrementAndGet();
		}

	};

	private final RenewingEgainTokenRejectionHandler handler = new RenewingEgainTokenRejectionHandler(this.tokens,
			this.metrics, Duration.ofSeconds(30), this.nanoTime::get);

	@Test
	void rejectedTokenIsInvalidatedAndTheRequestGoesOnceMoreWithANewOne() {
		OAuth2AccessToken t1 = held();
		assertThat(resend(t1)).isEqualTo("t2");
		assertThat(this.tokens.invalidated).containsExactly("t1");
	}

	@Test
	void tokenRejectedOnManyRequestsIsRenewedOnce() {
		OAuth2AccessToken t1 = held();
		assertThat(resend(t1)).isEqualTo("t2");
		assertThat(resend(t1)).isEqualTo("t2");
		assertThat(resend(t1)).isEqualTo("t2");
		assertThat(this.tokens.issued).hasValue(2);
		assertThat(this.tokens.invalidated).containsExactly("t1");
	}

	@Test
	void renewedTokenRejectedOnTheRequestSentOnceMoreStartsTheCooldown() {
		OAuth2AccessToken t1 = held();
		resend(t1);
		OAuth2AccessToken t2 = held();
		assertThat(notResent(t2)).isTrue();
		assertThat(this.suspensions).hasValue(1);
		// During the cool-down nothing is renewed or dropped.
		assertThat(resend(t2)).isNull();
		assertThat(notResent(t2)).isTrue();
		assertThat(this.tokens.issued).hasValue(2);
		assertThat(this.tokens.invalidated).containsExactly("t1");
		assertThat(this.suspensions).hasValue(1);
	}

	@Test
	void renewalResumesWhenTheCooldownHasPassed() {
		OAuth2AccessToken t1 = held();
		resend(t1);
		OAuth2AccessToken t2 = held();
		notResent(t2);
		advance(Duration.ofSeconds(29));
		assertThat(resend(t2)).isNull();
		advance(Duration.ofSeconds(2));
		assertThat(resend(t2)).isEqualTo("t3");
	}

	@Test
	void renewedTokenThatAnApiAcceptedIsRenewedAgainWhenRejectedLater() {
		OAuth2AccessToken t1 = held();
		resend(t1);
		OAuth2AccessToken t2 = held();
		this.handler.onAccepted("portal", t2);
		assertThat(resend(t2)).isEqualTo("t3");
		assertThat(this.suspensions).hasValue(0);
	}

	@Test
	void tokenRejectedOnARequestThatIsNotSentAgainIsDroppedOnce() {
		OAuth2AccessToken t1 = held();
		assertThat(notResent(t1)).isTrue();
		assertThat(notResent(t1)).isTrue();
		assertThat(this.tokens.current).isNull();
		assertThat(this.tokens.invalidated).containsExactly("t1");
	}

	@Test
	void replacementOfADroppedTokenCountsAsRenewed() {
		OAuth2AccessToken t1 = held();
		notResent(t1);
		OAuth2AccessToken t2 = held();
		notResent(t2);
		assertThat(this.suspensions).hasValue(1);
		assertThat(this.tokens.invalidated).containsExactly("t1");
	}

	@Test
	void replacementOfADroppedTokenThatAnApiAcceptedIsDroppedAgainWhenRejectedLater() {
		OAuth2AccessToken t1 = held();
		notResent(t1);
		OAuth2AccessToken t2 = held();
		this.handler.onAccepted("portal", t2);
		notResent(t2);
		assertThat(this.suspensions).hasValue(0);
		assertThat(this.tokens.invalidated).containsExactly("t1", "t2");
	}

	@Test
	void acceptedTokensReadNothingUntilATokenIsRejected() {
		OAuth2AccessToken t1 = held();
		this.handler.onAccepted("portal", t1);
		assertThat(this.tokens.peeks).hasValue(0);
	}

	@Test
	void cooldownOfOneClientLeavesTheOthersRenewing() {
		OAuth2AccessToken t1 = held();
		resend(t1);
		OAuth2AccessToken t2 = held();
		notResent(t2);
		assertThat(this.suspensions).hasValue(1);
		// The fake holds one token for every name: "kb" gets the same t2 rejected.
		assertThat(this.handler.onRejected("kb", t2, true).map(OAuth2AccessToken::getTokenValue).block())
			.isEqualTo("t3");
	}

	private OAuth2AccessToken held() {
		return this.tokens.get("portal").block(Duration.ofSeconds(1));
	}

	private @Nullable String resend(OAuth2AccessToken rejected) {
		return this.handler.onRejected("portal", rejected, true).map(OAuth2AccessToken::getTokenValue).block();
	}

	private boolean notResent(OAuth2AccessToken rejected) {
		return this.handler.onRejected("portal", rejected, false).blockOptional().isEmpty();
	}

	private void advance(Duration duration) {
		this.nanoTime.addAndGet(duration.toNanos());
	}

	/**
	 * One held token at a time, numbered t1, t2, ...: {@code get} issues one when none is
	 * held, {@code invalidate} drops the held one when it is the rejected one. The same
	 * token for every client name.
	 */
	static final class NumberedTokens implements EgainAccessTokens {

		final AtomicInteger issued = new AtomicInteger();

		final AtomicInteger peeks = new AtomicInteger();

		final List<String> invalidated = new ArrayList<>();

		volatile @Nullable OAuth2AccessToken current;

		@Override
		public synchronized Mono<OAuth2AccessToken> get(String clientName) {
			OAuth2AccessToken current = this.current;
			if (current == null) {
				Instant now = Instant.now();
				current = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "t" + this.issued.incrementAndGet(),
						now, now.plusSeconds(3600));
				this.current = current;
			}
			return Mono.just(current);
		}

		@Override
		public synchronized Mono<Void> invalidate(String clientName, OAuth2AccessToken rejected) {
			this.invalidated.add(rejected.getTokenValue());
			OAuth2AccessToken current = this.current;
			if (current != null && current.getTokenValue().equals(rejected.getTokenValue())) {
				this.current = null;
			}
			return Mono.empty();
		}

		@Override
		public @Nullable OAuth2AccessToken peek(String clientName) {
			this.peeks.incrementAndGet();
			return this.current;
		}

		@Override
		public EgainTokenStatus status(String clientName) {
			throw new UnsupportedOperationException();
		}

	}

}
