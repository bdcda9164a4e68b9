package com.egain.auth.benchmarks;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Throughput and latency of warm setups at fixed concurrency levels. Each cell
 * (concurrency, setup) is measured in several rounds, and each round runs the setups in
 * a rotated order, so that drift of the machine (JIT, other work on the cores) falls on
 * every setup alike.
 */
final class SteadyStateBenchmark {

	static final List<Setup> SETUPS = List.of(Setup.OURS, Setup.STOCK, Setup.RAW);

	private final LocalServers servers;

	private final BenchmarkSettings settings;

	SteadyStateBenchmark(LocalServers servers, BenchmarkSettings settings) {
		this.servers = servers;
		this.settings = settings;
	}

	/**
	 * Run every cell.
	 * @return the rounds of each setup, by concurrency
	 */
	Map<Integer, Map<Setup, List<Sample>>> run() {
		this.servers.tokenEndpoint.reset(this.settings.tokenLatency, 3600);
		Map<Setup, BenchTarget> targets = new EnumMap<>(Setup.class);
		Map<Integer, Map<Setup, List<Sample>>> results = new LinkedHashMap<>();
		try {
			for (Setup setup : SETUPS) {
				targets.put(setup, setup.create(this.servers));
			}
			for (Setup setup : SETUPS) {
				BenchTarget target = targets.get(setup);
				Sample warmup = LoadGenerator.closedLoop(target::call, 16, java.time.Duration.ZERO,
						this.settings.initialWarmup);
				log("warm-up " + setup.label() + ": " + Math.round(warmup.throughput()) + " req/s, errors "
						+ warmup.errors + ((warmup.firstError != null) ? " (" + warmup.firstError + ")" : ""));
			}
			for (int concurrency : this.settings.concurrency) {
				Map<Setup, List<Sample>> cell = new EnumMap<>(Setup.class);
				for (int round = 0; round < this.settings.rounds; round++) {
					for (int i = 0; i < SETUPS.size(); i++) {
						Setup setup = SETUPS.get((i + round) % SETUPS.size());
						Sample sample = LoadGenerator.closedLoop(targets.get(setup)::call, concurrency,
								this.settings.warmup, this.settings.measure);
						cell.computeIfAbsent(setup, (key) -> new ArrayList<>()).add(sample);
						log(String.format("concurrency %d round %d %-10s %9.0f req/s  p50 %7.0f us  p99 %7.0f us"
								+ "  p99.9 %7.0f us  errors %d", concurrency, round + 1, setup.label(),
								sample.throughput(), sample.percentileMicros(50), sample.percentileMicros(99),
								sample.percentileMicros(99.9), sample.errors));
					}
				}
				results.put(concurrency, cell);
			}
			log("token requests during the steady-state part: " + this.servers.tokenEndpoint.requests());
		}
		finally {
			targets.values().forEach(BenchTarget::close);
		}
		return results;
	}

	static void log(String message) {
		System.out.println("[bench] " + message);
		System.out.flush();
	}

}
