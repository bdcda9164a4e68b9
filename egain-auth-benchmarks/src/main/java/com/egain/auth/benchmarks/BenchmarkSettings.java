package com.egain.auth.benchmarks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Settings of a benchmark run, read from {@code bench.*} system properties so that a run
 * can be shortened or lengthened without a rebuild. Durations are in seconds unless the
 * name says otherwise.
 */
final class BenchmarkSettings {

	/** Warm-up of every setup at the start of the steady-state part. */
	final Duration initialWarmup = seconds("bench.initialWarmup", 5);

	/** Warm-up of each steady-state cell, discarded. */
	final Duration warmup = seconds("bench.warmup", 0.5);

	/** Measured time of each steady-state cell. */
	final Duration measure = seconds("bench.measure", 2);

	/**
	 * Rounds of every steady-state cell; the median round is reported. Many short rounds
	 * in rotation cancel drift from other work on the machine better than a few long ones.
	 */
	final int rounds = integer("bench.rounds", 7);

	/** Concurrency levels of the steady-state part. */
	final List<Integer> concurrency = integers("bench.concurrency", "1,16,256");

	/** Burst sizes of the cold-start part. */
	final List<Integer> burstSizes = integers("bench.burst.sizes", "1,100,1000,10000");

	/** Latency of the token endpoint in the steady-state and cold-start parts. */
	final Duration tokenLatency = millis("bench.tokenLatencyMs", 50);

	/** Token lifetime of the expiry boundary part. */
	final Duration expiryTokenLifetime = seconds("bench.expiry.lifetime", 2);

	/** Token endpoint latency of the expiry boundary part. */
	final Duration expiryTokenLatency = millis("bench.expiry.tokenLatencyMs", 200);

	/** Length of the expiry boundary part, per setup. */
	final Duration expiryDuration = seconds("bench.expiry.duration", 20);

	/** Request rate of the expiry boundary part (open loop). */
	final int expiryRate = integer("bench.expiry.rate", 200);

	/** Latency above which an application request counts as having waited on the token endpoint. */
	final Duration waitThreshold = millis("bench.expiry.waitThresholdMs", 150);

	/** Event loop threads of each local server. */
	final int serverThreads = integer("bench.serverThreads", 1);

	/** Event loop threads shared by all client pools (read by {@link ClientPools}). */
	final int clientThreads = integer("bench.clientThreads", 1);

	/** Connections per client pool. */
	final int maxConnections = integer("bench.pool.maxConnections", 512);

	/** Whether to run the JMH allocation part. */
	final boolean allocation = Boolean.parseBoolean(System.getProperty("bench.allocation", "true"));

	/** JMH measurement iterations (1 s each) of the allocation part. */
	final int allocationIterations = integer("bench.allocation.iterations", 5);

	/** Parts to run: steady, burst, expiry, allocation, and (not by default) filtercost. */
	final List<String> parts = List.of(System.getProperty("bench.parts", "steady,burst,expiry,allocation").split(","));

	/** Where results.md and results.json go. */
	final Path output = Path.of(System.getProperty("bench.output", "target"));

	boolean runs(String part) {
		return this.parts.contains(part) && (!part.equals("allocation") || this.allocation);
	}

	Map<String, Object> describe() {
		Map<String, Object> settings = new LinkedHashMap<>();
		settings.put("initialWarmupSeconds", this.initialWarmup.toMillis() / 1000.0);
		settings.put("warmupSeconds", this.warmup.toMillis() / 1000.0);
		settings.put("measureSeconds", this.measure.toMillis() / 1000.0);
		settings.put("rounds", this.rounds);
		settings.put("concurrency", this.concurrency);
		settings.put("burstSizes", this.burstSizes);
		settings.put("tokenLatencyMs", this.tokenLatency.toMillis());
		settings.put("expiryTokenLifetimeSeconds", this.expiryTokenLifetime.toSeconds());
		settings.put("expiryTokenLatencyMs", this.expiryTokenLatency.toMillis());
		settings.put("expiryDurationSeconds", this.expiryDuration.toSeconds());
		settings.put("expiryRatePerSecond", this.expiryRate);
		settings.put("waitThresholdMs", this.waitThreshold.toMillis());
		settings.put("serverThreads", this.serverThreads);
		settings.put("clientThreads", this.clientThreads);
		settings.put("maxConnections", this.maxConnections);
		settings.put("allocationIterations", this.allocationIterations);
		settings.put("parts", this.parts);
		return settings;
	}

	private static Duration seconds(String name, double defaultValue) {
		double value = Double.parseDouble(System.getProperty(name, String.valueOf(defaultValue)));
		return Duration.ofMillis(Math.round(value * 1000));
	}

	private static Duration millis(String name, long defaultValue) {
		return Duration.ofMillis(Long.parseLong(System.getProperty(name, String.valueOf(defaultValue))));
	}

	private static int integer(String name, int defaultValue) {
		return Integer.parseInt(System.getProperty(name, String.valueOf(defaultValue)));
	}

	private static List<Integer> integers(String name, String defaultValue) {
		List<Integer> values = new ArrayList<>();
		for (String value : System.getProperty(name, defaultValue).split(",")) {
			values.add(Integer.parseInt(value.trim()));
		}
		return values;
	}

}
