package com.egain.auth.spring.endpoint;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link EgainTokenResponseClient.Builder} checks every setting when it builds, names each
 * bad one, and derives the time limit from the timeouts and retries.
 */
class EgainTokenResponseClientBuilderTests {

	@Test
	void defaultsGiveTheTimeLimitOfTheDefaultProperties() {
		try (EgainTokenResponseClient client = EgainTokenResponseClient.builder().build()) {
			// 3 attempts of 5 s + 10 s, and two waits of at most 5 s.
			assertThat(client.getTimeLimit()).isEqualTo(Duration.ofSeconds(55));
		}
	}

	@Test
	void timeLimitFollowsTheTimeoutsEvenWithTheApplicationsRestClient() {
		try (EgainTokenResponseClient client = EgainTokenResponseClient.builder()
			.restClient(EgainTokenResponseClient.createRestClient(Duration.ofSeconds(1), Duration.ofSeconds(2)))
			.connectTimeout(Duration.ofSeconds(1))
			.responseTimeout(Duration.ofSeconds(2))
			.maxAttempts(2)
			.backoff(Duration.ofMillis(100), Duration.ofSeconds(1))
			.build()) {
			assertThat(client.getTimeLimit()).isEqualTo(Duration.ofSeconds(7));
		}
	}

	@Test
	void everyBadSettingIsNamedAtOnce() {
		assertThatIllegalArgumentException().isThrownBy(() -> EgainTokenResponseClient.builder()
			.connectTimeout(Duration.ZERO)
			.responseTimeout(Duration.ofSeconds(-1))
			.maxAttempts(0)
			.backoff(Duration.ofSeconds(2), Duration.ofSeconds(1))
			.defaultTokenLifetime(Duration.ZERO)
			.maxResponseSize(DataSize.ofBytes(0))
			.build())
			.withMessageStartingWith("Invalid EgainTokenResponseClient settings: ")
			.withMessageContaining("connectTimeout must be positive (was PT0S)")
			.withMessageContaining("responseTimeout must be positive (was PT-1S)")
			.withMessageContaining("maxAttempts must be at least 1 (was 0)")
			.withMessageContaining("maxBackoff must not be shorter than backoff")
			.withMessageContaining("defaultTokenLifetime must be positive")
			.withMessageContaining("maxResponseSize must be positive");
	}

	@Test
	void negativeBackoffIsNamed() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> EgainTokenResponseClient.builder().backoff(Duration.ofMillis(-1), Duration.ofSeconds(1)).build())
			.withMessageContaining("backoff must not be negative (was PT-0.001S)");
	}

}
