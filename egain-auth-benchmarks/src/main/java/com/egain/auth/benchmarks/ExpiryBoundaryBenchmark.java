package com.egain.auth.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Constant load across many token expiries: short-lived tokens, a slow token endpoint,
 * and an open loop of application requests. Counts the token requests made and the
 * application requests that waited on the token endpoint.
 */
final class ExpiryBoundaryBenchmark {

	static final List<Setup> SETUPS = List.of(Setup.OURS, Setup.STOCK, Setup.STOCK_SKEW_1S, Setup.RAW);

	private final LocalServers servers;

	private final BenchmarkSettings settings;

	ExpiryBoundaryBenchmark(LocalServers servers, BenchmarkSettings settings) {
		this.servers = servers;
		this.settings = settings;
	}

	/**
	 * The run of one setup.
	 */
	record Run(Setup setup, int tokenRequests, long waited, Sample sample) {

		Map<String, Object> describe() {
			Map<String, Object> map = new LinkedHashMap<>();
			map.put("setup", this.setup.label());
			map.put("tokenRequests", this.tokenRequests);
			map.put("waited", this.waited);
			map.putAll(this.sample.describe());
			return map;
		}

	}

	/**
	 * The most token requests the starter should make in the run: one per (lifetime -
	 * margin), the margin being at most half the lifetime, plus one for a refresh in flight
	 * at the end.
	 */
	long expectedMaximum() {
		Duration lifetime = this.settings.expiryTokenLifetime;
		Duration margin = Duration.ofSeconds(60).compareTo(lifetime.dividedBy(2)) < 0 ? Duration.ofSeconds(60)
				: lifetime.dividedBy(2);
		return this.settings.expiryDuration.toMillis() / lifetime.minus(margin).toMillis() + 1;
	}

	List<Run> run() throws InterruptedException {
		this.servers.tokenEndpoint.reset(this.settings.expiryTokenLatency, this.settings.expiryTokenLifetime.toSeconds());
		List<Run> runs = new ArrayList<>();
		for (Setup setup : SETUPS) {
			try (BenchTarget target = setup.create(this.servers)) {
				// The first token is fetched before the measured window: the cold start is
				// the burst part's business.
				target.call().block(Duration.ofSeconds(30));
				this.servers.tokenEndpoint.resetCount();
				Sample sample = LoadGenerator.openLoop(target::call, this.settings.expiryRate,
						this.settings.expiryDuration);
				Run run = new Run(setup, this.servers.tokenEndpoint.requests(),
						sample.countAbove(this.settings.waitThreshold.toNanos()), sample);
				runs.add(run);
				SteadyStateBenchmark.log(String.format("expiry %-22s requests %5d  token requests %4d  waited %5d"
						+ "  p99 %8.1f ms  max %8.1f ms  errors %d", setup.label(), sample.count(), run.tokenRequests(),
						run.waited(), sample.percentileMicros(99) / 1000, sample.maxMillis(), sample.errors));
			}
		}
		return runs;
	}

}
