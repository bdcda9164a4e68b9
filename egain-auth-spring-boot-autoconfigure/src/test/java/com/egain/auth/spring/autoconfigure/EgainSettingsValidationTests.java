package com.egain.auth.spring.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import com.egain.auth.spring.EgainClientRegistrations;
import com.egain.auth.spring.autoconfigure.InvalidEgainConfigurationException.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each duration, size and count of {@code egain.auth.*} out of its accepted range stops
 * the start-up with a failure analysis naming the property, its range and its default; all
 * such mistakes at once, beside the clients' own.
 */
class EgainSettingsValidationTests {

	private static final String SECRET = InvalidEgainConfigurationFailureAnalyzerTests.SECRET;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(EgainAuthAutoConfiguration.class))
		.withPropertyValues(InvalidEgainConfigurationFailureAnalyzerTests.VALID);

	static Stream<Arguments> outOfRange() {
		return Stream.of(
				rule("refresh-margin", "0s", "is 0s, out of its accepted range 1ms to 1d",
						"set it to a duration from 1ms to 1d, or remove it to use the default 1m"),
				rule("default-token-lifetime", "-5m", "is -5m, out of its accepted range 1ms to 1d",
						"set it to a duration from 1ms to 1d, or remove it to use the default 5m"),
				rule("rejected-token-cooldown", "-1ms", "is -1ms, out of its accepted range 1ms to 1d",
						"set it to a duration from 1ms to 1d, or remove it to use the default 30s"),
				rule("token-endpoint.connect-timeout", "0ms", "is 0s, out of its accepted range 1ms to 1d",
						"set it to a duration from 1ms to 1d, or remove it to use the default 5s"),
				rule("token-endpoint.response-timeout", "25d", "is 25d, out of its accepted range 1ms to 1d",
						"set it to a duration from 1ms to 1d, or remove it to use the default 10s"),
				rule("token-endpoint.max-attempts", "0", "is 0, out of its accepted range 1 to 10",
						"set it to a number from 1 to 10, or remove it to use the default 3"),
				rule("token-endpoint.backoff", "-500ms", "is -500ms, out of its accepted range 1ms to 1d",
						"set it to a duration from 1ms to 1d, or remove it to use the default 500ms"),
				rule("token-endpoint.max-backoff", "0s", "is 0s, out of its accepted range 1ms to 1d",
						"set it to a duration from 1ms to 1d, or remove it to use the default 5s"),
				rule("token-endpoint.max-response-size", "0B", "is 0B, out of its accepted range 1KB to 10MB",
						"set it to a size from 1KB to 10MB, or remove it to use the default 64KB"),
				rule("token-endpoint.max-response-size", "3GB", "is 3GB, out of its accepted range 1KB to 10MB",
						"set it to a size from 1KB to 10MB, or remove it to use the default 64KB"),
				rule("token-endpoint.failure-backoff", "-1s", "is -1s, out of its accepted range 1ms to 1d",
						"set it to a duration from 1ms to 1d, or remove it to use the default 1s"),
				rule("token-endpoint.max-failure-backoff", "-15s", "is -15s, out of its accepted range 1ms to 1d",
						"set it to a duration from 1ms to 1d, or remove it to use the default 15s"),
				rule("token-endpoint.credential-failure-backoff", "0s", "is 0s, out of its accepted range 1ms to 1d",
						"set it to a duration from 1ms to 1d, or remove it to use the default 1m"),
				rule("token-store.redis.timeout", "-1s", "is -1s, out of its accepted range 1ms to 1d",
						"set it to a duration from 1ms to 1d, or remove it to use the default 1s"));
	}

	private static Arguments rule(String property, String value, String problem, String action) {
		return Arguments.of("egain.auth." + property, value, problem, action);
	}

	@ParameterizedTest(name = "{0}={1}")
	@MethodSource("outOfRange")
	void valueOutOfRangeStopsTheStartUpNamingThePropertyAndItsRange(String property, String value, String problem,
			String action) {
		this.runner.withPropertyValues(property + "=" + value).run((context) -> {
			assertThat(problems(context)).containsExactly(new Problem(property, problem, action));
			assertThat(analysis(context).getDescription()).contains("Property: " + property)
				.contains("Problem: " + problem)
				.doesNotContain(SECRET);
			assertThat(analysis(context).getAction()).contains(property + ": " + action);
		});
	}

	@Test
	void maxBackoffShorterThanBackoffIsReported() {
		this.runner
			.withPropertyValues("egain.auth.token-endpoint.backoff=2s", "egain.auth.token-endpoint.max-backoff=1s")
			.run((context) -> assertThat(problems(context)).containsExactly(new Problem(
					"egain.auth.token-endpoint.max-backoff",
					"is 1s, shorter than egain.auth.token-endpoint.backoff (2s), the first wait it caps",
					"set it to at least egain.auth.token-endpoint.backoff, or shorten that one")));
	}

	@Test
	void maxFailureBackoffShorterThanFailureBackoffIsReported() {
		this.runner
			.withPropertyValues("egain.auth.token-endpoint.failure-backoff=30s",
					"egain.auth.token-endpoint.max-failure-backoff=15s")
			.run((context) -> assertThat(problems(context)).containsExactly(new Problem(
					"egain.auth.token-endpoint.max-failure-backoff",
					"is 15s, shorter than egain.auth.token-endpoint.failure-backoff (30s), the first wait it caps",
					"set it to at least egain.auth.token-endpoint.failure-backoff, or shorten that one")));
	}

	@Test
	void longestWaitOnlyLowerThanTheDefaultFirstWaitIsReportedAgainstIt() {
		// failure-backoff stays 1s: a max-failure-backoff of 500ms would cap it.
		this.runner.withPropertyValues("egain.auth.token-endpoint.max-failure-backoff=500ms")
			.run((context) -> assertThat(problems(context)).extracting(Problem::property)
				.containsExactly("egain.auth.token-endpoint.max-failure-backoff"));
	}

	@Test
	void boundsOfEachRangeAreAccepted() {
		this.runner
			.withPropertyValues("egain.auth.refresh-margin=1ms", "egain.auth.default-token-lifetime=1d",
					"egain.auth.token-endpoint.max-attempts=10", "egain.auth.token-endpoint.backoff=1ms",
					"egain.auth.token-endpoint.max-backoff=1ms", "egain.auth.token-endpoint.max-response-size=1KB",
					"egain.auth.token-endpoint.credential-failure-backoff=1d", "egain.auth.token-store.redis.timeout=1d")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void sevenBadValuesAreListedAtOnceBesideTheClientsOwnMistakes() {
		this.runner
			.withPropertyValues("egain.auth.refresh-margin=-1s", "egain.auth.default-token-lifetime=0s",
					"egain.auth.rejected-token-cooldown=-30s", "egain.auth.token-endpoint.max-response-size=0B",
					"egain.auth.token-endpoint.failure-backoff=-1s", "egain.auth.token-endpoint.max-failure-backoff=0s",
					"egain.auth.token-endpoint.credential-failure-backoff=-60s",
					"egain.auth.clients.portal.client-id=")
			.run((context) -> {
				assertThat(problems(context)).extracting(Problem::property)
					.containsExactly("egain.auth.refresh-margin", "egain.auth.default-token-lifetime",
							"egain.auth.rejected-token-cooldown", "egain.auth.token-endpoint.max-response-size",
							"egain.auth.token-endpoint.failure-backoff", "egain.auth.token-endpoint.max-failure-backoff",
							"egain.auth.token-endpoint.credential-failure-backoff",
							"egain.auth.clients.portal.client-id");
				assertThat(analysis(context).getDescription()).contains("Problem: is -1s", "Problem: is 0s",
						"Problem: is -30s", "Problem: is 0B", "Problem: is -1m", "Problem: is blank");
			});
	}

	@Test
	void valuesAreCheckedAlsoWhenTheApplicationDefinesItsOwnRegistrations() {
		this.runner.withUserConfiguration(OwnRegistrations.class)
			.withPropertyValues("egain.auth.token-endpoint.failure-backoff=-1s")
			.run((context) -> assertThat(problems(context)).extracting(Problem::property)
				.containsExactly("egain.auth.token-endpoint.failure-backoff"));
	}

	@Test
	void durationsAreShownAsTheyAreWritten() {
		assertThat(EgainSettingsValidator.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
		assertThat(EgainSettingsValidator.format(Duration.ofMillis(-1500))).isEqualTo("-1500ms");
		assertThat(EgainSettingsValidator.format(Duration.ofHours(2))).isEqualTo("2h");
		assertThat(EgainSettingsValidator.format(Duration.ofNanos(10))).isEqualTo("10ns");
	}

	private static List<Problem> problems(AssertableApplicationContext context) {
		assertThat(context).hasFailed();
		assertThat(context.getStartupFailure()).rootCause().isInstanceOf(InvalidEgainConfigurationException.class);
		Throwable failure = context.getStartupFailure();
		while (!(failure instanceof InvalidEgainConfigurationException)) {
			failure = failure.getCause();
		}
		return ((InvalidEgainConfigurationException) failure).getProblems();
	}

	private static FailureAnalysis analysis(AssertableApplicationContext context) {
		FailureAnalysis analysis = new InvalidEgainConfigurationFailureAnalyzer().analyze(context.getStartupFailure());
		assertThat(analysis).isNotNull();
		return analysis;
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnRegistrations {

		@Bean
		EgainClientRegistrations egainClientRegistrations() {
			return new EgainClientRegistrations(List.of());
		}

	}

}
