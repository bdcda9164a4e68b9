package com.egain.auth.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Bursts of N concurrent first requests against a fresh setup (a new application
 * context, a new authorized client manager): how many token requests reach the token
 * endpoint, and how long the slowest request takes.
 */
final class ColdStartBurstBenchmark {

	static final List<Setup> SETUPS = List.of(Setup.OURS, Setup.STOCK, Setup.RAW);

	private static final int WARMUP_BURST = 100;

	private final LocalServers servers;

	private final BenchmarkSettings settings;

	ColdStartBurstBenchmark(LocalServers servers, BenchmarkSettings settings) {
		this.servers = servers;
		this.settings = settings;
	}

	/**
	 * One burst of one setup.
	 */
	record Burst(int size, Setup setup, int tokenRequests, Sample sample) {

		Map<String, Object> describe() {
			Map<String, Object> map = new LinkedHashMap<>();
			map.put("n", this.size);
			map.put("setup", this.setup.label());
			map.put("tokenRequests", this.tokenRequests);
			map.put("slowestMillis", this.sample.maxMillis());
			map.put("p50Millis", this.sample.percentileMicros(50) / 1000);
			map.put("failures", this.sample.errors);
			if (this.sample.firstError != null) {
				map.put("firstFailure", this.sample.firstError);
			}
			map.put("wallMillis", this.sample.seconds * 1000);
			return map;
		}

	}

	List<Burst> run() {
		this.servers.tokenEndpoint.reset(this.settings.tokenLatency, 3600);
		for (Setup setup : SETUPS) {
			burst(setup, WARMUP_BURST);
		}
		List<Burst> bursts = new ArrayList<>();
		for (int size : this.settings.burstSizes) {
			for (Setup setup : SETUPS) {
				Burst burst = burst(setup, size);
				bursts.add(burst);
				SteadyStateBenchmark.log(String.format("burst %5d %-10s token requests %5d  slowest %8.1f ms  failures %d%s",
						size, setup.label(), burst.tokenRequests(), burst.sample().maxMillis(), burst.sample().errors,
						(burst.sample().firstError != null) ? " (" + burst.sample().firstError + ")" : ""));
			}
		}
		return bursts;
	}

	private Burst burst(Setup setup, int size) {
		try (BenchTarget target = setup.create(this.servers)) {
			this.servers.tokenEndpoint.resetCount();
			Sample sample = LoadGenerator.burst(target::call, size);
			return new Burst(size, setup, this.servers.tokenEndpoint.requests(), sample);
		}
	}

}
