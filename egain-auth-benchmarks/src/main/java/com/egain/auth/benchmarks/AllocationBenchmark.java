package com.egain.auth.benchmarks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link FilterAllocationBenchmark} in a JMH fork with the {@code gc} profiler and
 * collects bytes and nanoseconds per filter call.
 */
final class AllocationBenchmark {

	private final BenchmarkSettings settings;

	AllocationBenchmark(BenchmarkSettings settings) {
		this.settings = settings;
	}

	/**
	 * The filter path of one setup.
	 */
	record Allocation(String benchmark, double bytesPerOp, double nanosPerOp, double nanosError) {

		Map<String, Object> describe(double baselineBytes) {
			Map<String, Object> map = new LinkedHashMap<>();
			map.put("benchmark", this.benchmark);
			map.put("bytesPerOp", this.bytesPerOp);
			map.put("bytesPerOpNetOfHarness", this.bytesPerOp - baselineBytes);
			map.put("nanosPerOp", this.nanosPerOp);
			map.put("nanosPerOpError", this.nanosError);
			return map;
		}

	}

	List<Allocation> run() throws RunnerException {
		Options options = new OptionsBuilder().include(FilterAllocationBenchmark.class.getName() + "\\.")
			.addProfiler(GCProfiler.class)
			.forks(1)
			.warmupIterations(3)
			.warmupTime(TimeValue.seconds(1))
			.measurementIterations(this.settings.allocationIterations)
			.measurementTime(TimeValue.seconds(1))
			.shouldFailOnError(true)
			.build();
		Collection<RunResult> results = new Runner(options).run();
		List<Allocation> allocations = new ArrayList<>();
		for (RunResult result : results) {
			String label = result.getParams().getBenchmark();
			label = label.substring(label.lastIndexOf('.') + 1);
			double bytes = Double.NaN;
			for (Map.Entry<String, Result> secondary : result.getSecondaryResults().entrySet()) {
				if (secondary.getKey().endsWith("gc.alloc.rate.norm")) {
					bytes = secondary.getValue().getScore();
				}
			}
			allocations.add(new Allocation(label, bytes, result.getPrimaryResult().getScore(),
					result.getPrimaryResult().getScoreError()));
		}
		return allocations;
	}

}
