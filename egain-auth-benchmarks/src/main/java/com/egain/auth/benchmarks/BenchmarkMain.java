package com.egain.auth.benchmarks;

import java.util.List;
import java.util.Map;

import reactor.netty.http.HttpResources;

/**
 * Runs the benchmarks of issue 8 in one JVM: steady-state throughput and latency,
 * cold-start bursts, the expiry boundary and allocation per request, for the starter's
 * WebClient, Spring Security's stock setup and a fixed-header WebClient; then prints the
 * results and writes them to {@code target/results.md} and {@code target/results.json}.
 *
 * <p>Run it with {@code ./mvnw -B -pl egain-auth-benchmarks -am -Pbench verify}; the
 * {@code bench.*} system properties of {@link BenchmarkSettings} change its durations.
 */
public final class BenchmarkMain {

	private BenchmarkMain() {
	}

	public static void main(String[] args) throws Exception {
		BenchmarkSettings settings = new BenchmarkSettings();
		Map<String, Object> machine = Machine.describe();
		String loadBefore = Machine.loadAverage();
		SteadyStateBenchmark.log("machine " + machine + ", load average " + loadBefore);
		SteadyStateBenchmark.log("settings " + settings.describe());
		long started = System.nanoTime();
		Map<Integer, Map<Setup, List<Sample>>> steady = null;
		List<ColdStartBurstBenchmark.Burst> bursts = null;
		List<ExpiryBoundaryBenchmark.Run> expiry = null;
		long expectedExpiryMaximum = 0;
		List<FilterCostBenchmark.Cost> filterCosts = null;
		try (LocalServers servers = new LocalServers(settings.serverThreads, settings.maxConnections,
				settings.tokenLatency, 3600)) {
			if (settings.runs("steady")) {
				steady = new SteadyStateBenchmark(servers, settings).run();
			}
			if (settings.runs("burst")) {
				bursts = new ColdStartBurstBenchmark(servers, settings).run();
			}
			if (settings.runs("expiry")) {
				ExpiryBoundaryBenchmark benchmark = new ExpiryBoundaryBenchmark(servers, settings);
				expiry = benchmark.run();
				expectedExpiryMaximum = benchmark.expectedMaximum();
			}
			if (settings.runs("filtercost")) {
				filterCosts = new FilterCostBenchmark(servers, settings).run();
			}
		}
		List<AllocationBenchmark.Allocation> allocations = null;
		if (settings.runs("allocation")) {
			allocations = new AllocationBenchmark(settings).run();
		}
		Report report = new Report(settings, machine, loadBefore, Machine.loadAverage());
		if (steady != null) {
			report.steadyState(steady);
		}
		if (bursts != null) {
			report.bursts(bursts);
		}
		if (expiry != null) {
			report.expiry(expiry, expectedExpiryMaximum);
		}
		if (allocations != null) {
			report.allocations(allocations);
		}
		if (filterCosts != null) {
			report.filterCosts(filterCosts);
		}
		String markdown = report.write();
		System.out.println();
		System.out.println(markdown);
		SteadyStateBenchmark.log(String.format("done in %.0f s; results in %s", (System.nanoTime() - started) / 1e9,
				settings.output.toAbsolutePath().resolve("results.md")));
		HttpResources.disposeLoopsAndConnections();
		System.exit(0);
	}

}
