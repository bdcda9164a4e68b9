package com.egain.auth.spring.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import com.egain.auth.spring.autoconfigure.InvalidEgainConfigurationException.Problem;
import org.jspecify.annotations.Nullable;

import org.springframework.lang.Contract;
import org.springframework.util.unit.DataSize;

/**
 * Checks every duration, size and count of {@link EgainAuthProperties} against its
 * accepted range, and that each longest wait is not shorter than the first one. A value
 * out of range (zero, negative, or beyond what the token cache can count with) is a
 * {@link Problem} naming the property, its range and its default; the start-up then stops
 * through the failure analyzer with every problem at once.
 *
 * <p>Each property is one line of {@link #RULES}: a further duration is
 * {@code duration("some.property", (properties) -> properties.getSome().getProperty())}.
 */
final class EgainSettingsValidator {

	private static final String PREFIX = "egain.auth.";

	/**
	 * Shortest accepted duration: the token cache counts in milliseconds, so anything
	 * shorter is zero to it.
	 */
	static final Duration SHORTEST = Duration.ofMillis(1);

	/**
	 * Longest accepted duration: the longest token lifetime the starter accepts. Nothing
	 * waits longer, and the backoff arithmetic stays far from overflowing.
	 */
	static final Duration LONGEST = Duration.ofDays(1);

	private static final EgainAuthProperties DEFAULTS = new EgainAuthProperties();

	private static final List<Rule> RULES = List.of(
			duration("refresh-margin", EgainAuthProperties::getRefreshMargin),
			duration("default-token-lifetime", EgainAuthProperties::getDefaultTokenLifetime),
			duration("rejected-token-cooldown", EgainAuthProperties::getRejectedTokenCooldown),
			duration("token-endpoint.connect-timeout", (properties) -> properties.getTokenEndpoint().getConnectTimeout()),
			duration("token-endpoint.response-timeout",
					(properties) -> properties.getTokenEndpoint().getResponseTimeout()),
			count("token-endpoint.max-attempts", (properties) -> properties.getTokenEndpoint().getMaxAttempts(), 1, 10),
			duration("token-endpoint.backoff", (properties) -> properties.getTokenEndpoint().getBackoff()),
			duration("token-endpoint.max-backoff", (properties) -> properties.getTokenEndpoint().getMaxBackoff()),
			notShorter("token-endpoint.max-backoff", (properties) -> properties.getTokenEndpoint().getMaxBackoff(),
					"token-endpoint.backoff", (properties) -> properties.getTokenEndpoint().getBackoff()),
			size("token-endpoint.max-response-size", (properties) -> properties.getTokenEndpoint().getMaxResponseSize(),
					DataSize.ofKilobytes(1), DataSize.ofMegabytes(10)),
			duration("token-endpoint.failure-backoff", (properties) -> properties.getTokenEndpoint().getFailureBackoff()),
			duration("token-endpoint.max-failure-backoff",
					(properties) -> properties.getTokenEndpoint().getMaxFailureBackoff()),
			notShorter("token-endpoint.max-failure-backoff",
					(properties) -> properties.getTokenEndpoint().getMaxFailureBackoff(), "token-endpoint.failure-backoff",
					(properties) -> properties.getTokenEndpoint().getFailureBackoff()),
			duration("token-endpoint.credential-failure-backoff",
					(properties) -> properties.getTokenEndpoint().getCredentialFailureBackoff()),
			duration("token-endpoint.max-retry-after", (properties) -> properties.getTokenEndpoint().getMaxRetryAfter()),
			duration("token-store.redis.timeout", (properties) -> properties.getTokenStore().getRedis().getTimeout()),
			duration("token-store.redis.max-wait", (properties) -> properties.getTokenStore().getRedis().getMaxWait()));

	private EgainSettingsValidator() {
	}

	/**
	 * The problems of the given properties' durations, sizes and counts.
	 * @param properties the properties
	 * @return the problems, in the order of the configuration reference
	 */
	static List<Problem> problems(EgainAuthProperties properties) {
		List<Problem> problems = new ArrayList<>();
		for (Rule rule : RULES) {
			Problem problem = rule.check(properties);
			if (problem != null) {
				problems.add(problem);
			}
		}
		return problems;
	}

	/**
	 * Stop when a duration, size or count of the given properties is out of range.
	 * @param properties the properties
	 * @throws InvalidEgainConfigurationException listing every value out of range
	 */
	static void requireValid(EgainAuthProperties properties) {
		List<Problem> problems = problems(properties);
		if (!problems.isEmpty()) {
			throw new InvalidEgainConfigurationException(problems);
		}
	}

	private static Rule duration(String name, Function<EgainAuthProperties, @Nullable Duration> getter) {
		return range(name, getter, SHORTEST, LONGEST, EgainSettingsValidator::format, "a duration");
	}

	private static Rule size(String name, Function<EgainAuthProperties, @Nullable DataSize> getter, DataSize min,
			DataSize max) {
		return range(name, getter, min, max, EgainSettingsValidator::format, "a size");
	}

	private static Rule count(String name, Function<EgainAuthProperties, Integer> getter, int min, int max) {
		return range(name, getter, min, max, String::valueOf, "a number");
	}

	private static <T extends Comparable<? super T>> Rule range(String name,
			Function<EgainAuthProperties, @Nullable T> getter, T min, T max, Function<T, String> format, String kind) {
		return (properties) -> {
			T value = getter.apply(properties);
			T defaultValue = getter.apply(DEFAULTS);
			String action = "set it to " + kind + " from " + format.apply(min) + " to " + format.apply(max)
					+ ((defaultValue != null) ? ", or remove it to use the default " + format.apply(defaultValue) : "");
			if (value == null) {
				return new Problem(PREFIX + name, "is missing", action);
			}
			if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
				return new Problem(PREFIX + name, "is " + format.apply(value) + ", out of its accepted range "
						+ format.apply(min) + " to " + format.apply(max), action);
			}
			return null;
		};
	}

	/**
	 * A longest wait must not be shorter than the first one, which it caps: the waits
	 * would never grow, and the first one would not be the one configured. Checked only
	 * when both are in range.
	 */
	private static Rule notShorter(String longestName, Function<EgainAuthProperties, @Nullable Duration> longest,
			String firstName, Function<EgainAuthProperties, @Nullable Duration> first) {
		return (properties) -> {
			Duration longestValue = longest.apply(properties);
			Duration firstValue = first.apply(properties);
			if (!inRange(longestValue) || !inRange(firstValue) || longestValue.compareTo(firstValue) >= 0) {
				return null;
			}
			return new Problem(PREFIX + longestName,
					"is " + format(longestValue) + ", shorter than " + PREFIX + firstName + " (" + format(firstValue)
							+ "), the first wait it caps",
					"set it to at least " + PREFIX + firstName + ", or shorten that one");
		};
	}

	@Contract("null -> false")
	private static boolean inRange(@Nullable Duration value) {
		return value != null && value.compareTo(SHORTEST) >= 0 && value.compareTo(LONGEST) <= 0;
	}

	/**
	 * The duration as it would be written in {@code application.yml}: {@code 1d},
	 * {@code 15m}, {@code 30s}, {@code 500ms} or {@code 10ns}, in the largest whole unit
	 * (ISO-8601 for a huge duration that is no whole number of seconds).
	 */
	static String format(Duration duration) {
		long seconds = duration.getSeconds();
		int nanos = duration.getNano();
		if (nanos != 0 && Math.abs(seconds) < 1_000_000L) {
			return (nanos % 1_000_000 == 0) ? (seconds * 1_000 + nanos / 1_000_000) + "ms"
					: (seconds * 1_000_000_000 + nanos) + "ns";
		}
		if (nanos != 0) {
			return duration.toString();
		}
		if (seconds != 0 && seconds % 86_400 == 0) {
			return (seconds / 86_400) + "d";
		}
		if (seconds != 0 && seconds % 3_600 == 0) {
			return (seconds / 3_600) + "h";
		}
		if (seconds != 0 && seconds % 60 == 0) {
			return (seconds / 60) + "m";
		}
		return seconds + "s";
	}

	/**
	 * The size as it would be written in {@code application.yml}: {@code 1GB}, {@code 10MB},
	 * {@code 64KB} or {@code 100B}, in the largest whole unit.
	 */
	static String format(DataSize size) {
		long bytes = size.toBytes();
		if (bytes != 0 && bytes % (1024 * 1024 * 1024) == 0) {
			return (bytes / (1024 * 1024 * 1024)) + "GB";
		}
		if (bytes != 0 && bytes % (1024 * 1024) == 0) {
			return (bytes / (1024 * 1024)) + "MB";
		}
		if (bytes != 0 && bytes % 1024 == 0) {
			return (bytes / 1024) + "KB";
		}
		return bytes + "B";
	}

	/**
	 * One property's check.
	 */
	@FunctionalInterface
	private interface Rule {

		@Nullable Problem check(EgainAuthProperties properties);

	}

}
