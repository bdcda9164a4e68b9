package com.egain.auth.benchmarks;

import java.util.LinkedHashMap;
import java.util.Map;

import org.HdrHistogram.Histogram;

/**
 * The outcome of one measured run: the latencies of its successful requests (in
 * nanoseconds), its failures and how long it was measured.
 */
final class Sample {

	final Histogram latencies;

	final long errors;

	final String firstError;

	final double seconds;

	/** CPU time of the JVM's threads per request sent, or -1 when not measured. */
	final double cpuMicrosPerRequest;

	/** Bytes allocated by the JVM's threads per request sent, or -1 when not measured. */
	final double bytesPerRequest;

	Sample(Histogram latencies, long errors, String firstError, double seconds) {
		this(latencies, errors, firstError, seconds, null, 0);
	}

	Sample(Histogram latencies, long errors, String firstError, double seconds, JvmThreadCost cost, long requests) {
		this.latencies = latencies;
		this.errors = errors;
		this.firstError = firstError;
		this.seconds = seconds;
		this.cpuMicrosPerRequest = (cost != null && requests > 0) ? cost.cpuNanos / 1000.0 / requests : -1;
		this.bytesPerRequest = (cost != null && requests > 0) ? (double) cost.allocatedBytes / requests : -1;
	}

	long count() {
		return this.latencies.getTotalCount();
	}

	double throughput() {
		return count() / this.seconds;
	}

	/**
	 * The latency at the given percentile, in microseconds.
	 */
	double percentileMicros(double percentile) {
		return this.latencies.getValueAtPercentile(percentile) / 1000.0;
	}

	double maxMillis() {
		return this.latencies.getMaxValue() / 1_000_000.0;
	}

	/**
	 * The number of requests slower than the given threshold.
	 */
	long countAbove(long thresholdNanos) {
		if (this.latencies.getMaxValue() <= thresholdNanos) {
			return 0;
		}
		return this.latencies.getCountBetweenValues(thresholdNanos + 1, this.latencies.getMaxValue());
	}

	Map<String, Object> describe() {
		Map<String, Object> map = new LinkedHashMap<>();
		map.put("requests", count());
		map.put("errors", this.errors);
		if (this.firstError != null) {
			map.put("firstError", this.firstError);
		}
		map.put("seconds", this.seconds);
		map.put("throughput", this.throughput());
		map.put("p50Micros", percentileMicros(50));
		map.put("p99Micros", percentileMicros(99));
		map.put("p999Micros", percentileMicros(99.9));
		map.put("maxMillis", maxMillis());
		if (this.cpuMicrosPerRequest >= 0) {
			map.put("cpuMicrosPerRequest", this.cpuMicrosPerRequest);
			map.put("bytesPerRequest", this.bytesPerRequest);
		}
		return map;
	}

}
