package com.egain.auth.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/**
 * The results of a run as a Markdown table (printed and written to
 * {@code results.md}) and as JSON ({@code results.json}), with each setup's ratio to the
 * raw floor and whether the starter met its targets.
 */
final class Report {

	private final BenchmarkSettings settings;

	private final Map<String, Object> json = new LinkedHashMap<>();

	private final StringBuilder markdown = new StringBuilder();

	private final List<String[]> targets = new ArrayList<>();

	Report(BenchmarkSettings settings, Map<String, Object> machine, String loadBefore, String loadAfter) {
		this.settings = settings;
		this.json.put("date", Instant.now().toString());
		this.json.put("machine", machine);
		this.json.put("loadAverageBefore", loadBefore);
		this.json.put("loadAverageAfter", loadAfter);
		this.json.put("settings", settings.describe());
		this.markdown.append("# eGain auth benchmarks\n\n");
		this.markdown.append(String.format(Locale.ROOT,
				"Machine: %s cores (`nproc`), %s, %s, heap %s MiB. Load average (1/5/15 min) before %s, after %s. "
						+ "The load generator, both local servers, the JIT and GC share these cores.%n%n",
				machine.get("nproc"), machine.get("cpu"), machine.get("jvm"), machine.get("maxHeapMiB"), loadBefore,
				loadAfter));
	}

	void steadyState(Map<Integer, Map<Setup, List<Sample>>> results) {
		List<Map<String, Object>> rows = new ArrayList<>();
		this.markdown.append(String.format(Locale.ROOT,
				"## Steady state%n%nClosed loop, token cached. Per cell %d rounds of %s s warm-up + %s s measured, "
						+ "the setups in rotated order within each round. Values are medians over the rounds (req/s "
						+ "range beside). Ratios to the raw floor are medians of the per-round ratios (each round "
						+ "compares setups measured seconds apart), with their range over the rounds. CPU µs/req and "
						+ "KB/req: CPU time and allocation of all JVM threads (load generator, client event loops, both "
						+ "servers; not GC or JIT) per request, warm-up included; unlike req/s they hardly move when "
						+ "other work competes for the cores.%n%n",
				this.settings.rounds, seconds(this.settings.warmup.toMillis()),
				seconds(this.settings.measure.toMillis())));
		this.markdown.append("| concurrency | setup | req/s | req/s range | p50 µs | p99 µs | p99.9 µs "
				+ "| req/s ÷ raw (rounds) | p99 ÷ raw (rounds) | CPU µs/req | CPU ÷ raw (rounds) | KB/req | errors |\n");
		this.markdown.append("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
		for (Map.Entry<Integer, Map<Setup, List<Sample>>> cell : results.entrySet()) {
			int concurrency = cell.getKey();
			List<Sample> raw = cell.getValue().get(Setup.RAW);
			double rawThroughput = Stats.median(raw, Sample::throughput);
			for (Map.Entry<Setup, List<Sample>> entry : cell.getValue().entrySet()) {
				Setup setup = entry.getKey();
				List<Sample> rounds = entry.getValue();
				double throughput = Stats.median(rounds, Sample::throughput);
				double p50 = Stats.median(rounds, (s) -> s.percentileMicros(50));
				double p99 = Stats.median(rounds, (s) -> s.percentileMicros(99));
				double p999 = Stats.median(rounds, (s) -> s.percentileMicros(99.9));
				long errors = rounds.stream().mapToLong((s) -> s.errors).sum();
				double cpu = Stats.median(rounds, (s) -> s.cpuMicrosPerRequest);
				double bytes = Stats.median(rounds, (s) -> s.bytesPerRequest);
				List<Double> throughputRatios = new ArrayList<>();
				List<Double> p99Ratios = new ArrayList<>();
				List<Double> cpuRatios = new ArrayList<>();
				for (int i = 0; i < rounds.size(); i++) {
					throughputRatios.add(rounds.get(i).throughput() / raw.get(i).throughput());
					p99Ratios.add(rounds.get(i).percentileMicros(99) / raw.get(i).percentileMicros(99));
					cpuRatios.add(rounds.get(i).cpuMicrosPerRequest / raw.get(i).cpuMicrosPerRequest);
				}
				double throughputRatio = Stats.median(throughputRatios, Double::doubleValue);
				double p99Ratio = Stats.median(p99Ratios, Double::doubleValue);
				double cpuRatio = Stats.median(cpuRatios, Double::doubleValue);
				this.markdown.append(String.format(Locale.ROOT,
						"| %d | %s | %.0f | %.0f–%.0f | %.0f | %.0f | %.0f | %s (%s) | %s (%s) | %.1f | %s (%s) | %.1f | %d |%n",
						concurrency, setup.label(), throughput, Stats.min(rounds, Sample::throughput),
						Stats.max(rounds, Sample::throughput), p50, p99, p999, format(throughputRatio, 3),
						range(throughputRatios), format(p99Ratio, 2), range(p99Ratios), cpu, format(cpuRatio, 3), range(cpuRatios),
						bytes / 1024, errors));
				Map<String, Object> row = new LinkedHashMap<>();
				row.put("concurrency", concurrency);
				row.put("setup", setup.label());
				row.put("throughput", round(throughput, 1));
				row.put("p50Micros", round(p50, 1));
				row.put("p99Micros", round(p99, 1));
				row.put("p999Micros", round(p999, 1));
				row.put("throughputRatioToRaw", round(throughputRatio, 4));
				row.put("p99RatioToRaw", round(p99Ratio, 4));
				row.put("throughputRatioOfMedians", round(throughput / rawThroughput, 4));
				row.put("cpuMicrosPerRequest", round(cpu, 2));
				row.put("cpuRatioToRaw", round(cpuRatio, 4));
				row.put("pairedCpuRatios", cpuRatios.stream().map((r) -> round(r, 4)).toList());
				row.put("bytesPerRequest", round(bytes, 0));
				row.put("pairedThroughputRatios", throughputRatios.stream().map((r) -> round(r, 4)).toList());
				row.put("pairedP99Ratios", p99Ratios.stream().map((r) -> round(r, 4)).toList());
				row.put("errors", errors);
				row.put("rounds", rounds.stream().map(Sample::describe).toList());
				rows.add(row);
				if (setup == Setup.OURS) {
					target("throughput ≥ 0.95 × raw, concurrency " + concurrency,
							format(throughputRatio, 3) + " (rounds " + range(throughputRatios) + ")",
							throughputRatio >= 0.95);
					target("p99 ≤ 1.10 × raw, concurrency " + concurrency, format(p99Ratio, 2) + " (rounds "
							+ range(p99Ratios) + "; medians " + Math.round(p99) + " vs "
							+ Math.round(Stats.median(raw, (s) -> s.percentileMicros(99))) + " µs)",
							p99Ratio <= 1.10);
				}
			}
		}
		this.markdown.append('\n');
		this.json.put("steadyState", rows);
	}

	void bursts(List<ColdStartBurstBenchmark.Burst> bursts) {
		this.markdown.append(String.format(Locale.ROOT,
				"## Cold-start burst%n%nN concurrent first requests against a fresh setup (new application context, "
						+ "new authorized client manager, new pools); token endpoint latency %d ms.%n%n",
				this.settings.tokenLatency.toMillis()));
		this.markdown.append("| N | setup | token requests | slowest ms | p50 ms | failures | wall ms |\n");
		this.markdown.append("|---:|---|---:|---:|---:|---:|---:|\n");
		List<Map<String, Object>> rows = new ArrayList<>();
		for (ColdStartBurstBenchmark.Burst burst : bursts) {
			Sample sample = burst.sample();
			this.markdown.append(String.format(Locale.ROOT, "| %d | %s | %d | %.1f | %.1f | %d | %.0f |%n",
					burst.size(), burst.setup().label(), burst.tokenRequests(), sample.maxMillis(),
					sample.percentileMicros(50) / 1000, sample.errors, sample.seconds * 1000));
			rows.add(burst.describe());
			if (burst.setup() == Setup.OURS) {
				target("burst of " + burst.size() + ": exactly 1 token request",
						burst.tokenRequests() + " (failures " + sample.errors + ")",
						burst.tokenRequests() == 1 && sample.errors == 0);
			}
		}
		this.markdown.append('\n');
		this.json.put("coldStartBurst", rows);
	}

	void expiry(List<ExpiryBoundaryBenchmark.Run> runs, long expectedMaximum) {
		this.markdown.append(String.format(Locale.ROOT,
				"## Expiry boundary%n%nTokens live %d s, token endpoint latency %d ms, open loop of %d req/s for %d s "
						+ "(first token fetched before the window). \"Waited\": application requests slower than %d ms. "
						+ "At most %d token requests expected from the starter (refresh margin capped at half the "
						+ "lifetime, plus one in flight at the end).%n%n",
				this.settings.expiryTokenLifetime.toSeconds(), this.settings.expiryTokenLatency.toMillis(),
				this.settings.expiryRate, this.settings.expiryDuration.toSeconds(),
				this.settings.waitThreshold.toMillis(), expectedMaximum));
		this.markdown.append("| setup | requests | token requests | waited | p50 ms | p99 ms | max ms | errors |\n");
		this.markdown.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
		List<Map<String, Object>> rows = new ArrayList<>();
		for (ExpiryBoundaryBenchmark.Run run : runs) {
			Sample sample = run.sample();
			this.markdown.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %.2f | %.2f | %.1f | %d |%n",
					run.setup().label(), sample.count(), run.tokenRequests(), run.waited(),
					sample.percentileMicros(50) / 1000, sample.percentileMicros(99) / 1000, sample.maxMillis(),
					sample.errors));
			rows.add(run.describe());
			if (run.setup() == Setup.OURS) {
				target("expiry boundary: token requests ≤ " + expectedMaximum, String.valueOf(run.tokenRequests()),
						run.tokenRequests() <= expectedMaximum && run.tokenRequests() > 0);
				target("expiry boundary: 0 requests waited", String.valueOf(run.waited()), run.waited() == 0);
			}
		}
		this.markdown.append('\n');
		this.json.put("expiryBoundaryExpectedMaximum", expectedMaximum);
		this.json.put("expiryBoundary", rows);
	}

	void allocations(List<AllocationBenchmark.Allocation> allocations) {
		double baseline = bytes(allocations, "baseline");
		double raw = bytes(allocations, "raw") - baseline;
		this.markdown.append(String.format(Locale.ROOT,
				"## Allocation per request (filter path)%n%nJMH with `-prof gc`: the filter called with a no-op exchange "
						+ "answering a canned 200, token cache warm. \"baseline\" is the harness alone (exchange + "
						+ "`Mono.block()`); net = bytes/op − baseline. raw = a filter that sets a fixed bearer header.%n%n"));
		this.markdown.append("| benchmark | bytes/op | net bytes/op | net ÷ raw | ns/op |\n");
		this.markdown.append("|---|---:|---:|---:|---:|\n");
		List<Map<String, Object>> rows = new ArrayList<>();
		for (AllocationBenchmark.Allocation allocation : allocations) {
			double net = allocation.bytesPerOp() - baseline;
			this.markdown.append(String.format(Locale.ROOT, "| %s | %.0f | %.0f | %s | %.0f ± %.0f |%n",
					allocation.benchmark(), allocation.bytesPerOp(), net,
					allocation.benchmark().equals("baseline") ? "" : format(net / raw, 2), allocation.nanosPerOp(),
					allocation.nanosError()));
			rows.add(allocation.describe(baseline));
		}
		double ours = bytes(allocations, "ours");
		double stock = bytes(allocations, "stock");
		target("allocation per request ≤ stock", String.format(Locale.ROOT, "%.0f vs %.0f bytes/op", ours, stock),
				ours <= stock);
		this.markdown.append('\n');
		this.json.put("allocation", rows);
	}

	void filterCosts(List<FilterCostBenchmark.Cost> costs) {
		this.markdown.append(String.format(Locale.ROOT,
				"## Filter cost attribution%n%nCPU time of the client event loop per request (median of %d rounds of "
						+ "%s s in rotation), and what each step adds to the raw floor.%n%n",
				this.settings.rounds, seconds(this.settings.measure.toMillis())));
		this.markdown.append("| concurrency | variant | req/s | client loop µs/req | + µs/req over raw | KB/req |\n");
		this.markdown.append("|---:|---|---:|---:|---:|---:|\n");
		double raw = 0;
		for (FilterCostBenchmark.Cost cost : costs) {
			if (cost.variant().equals("raw floor")) {
				raw = cost.clientMicrosPerRequest();
			}
			this.markdown.append(String.format(Locale.ROOT, "| %d | %s | %.0f | %.2f | %+.2f | %.1f |%n",
					cost.concurrency(), cost.variant(), cost.throughput(), cost.clientMicrosPerRequest(),
					cost.clientMicrosPerRequest() - raw, cost.bytesPerRequest() / 1024));
		}
		this.markdown.append('\n');
		this.json.put("filterCost", costs.stream().map(FilterCostBenchmark.Cost::describe).toList());
	}

	/**
	 * Append the table of targets, then write results.md and results.json.
	 * @return the Markdown
	 */
	String write() throws IOException {
		if (!this.targets.isEmpty()) {
			this.markdown.append("## Targets (ours)\n\n| target | measured | met |\n|---|---|---|\n");
		}
		List<Map<String, Object>> rows = new ArrayList<>();
		for (String[] target : this.targets) {
			this.markdown.append("| ").append(target[0]).append(" | ").append(target[1]).append(" | ")
				.append(target[2]).append(" |\n");
			Map<String, Object> row = new LinkedHashMap<>();
			row.put("target", target[0]);
			row.put("measured", target[1]);
			row.put("met", target[2].equals("yes"));
			rows.add(row);
		}
		this.json.put("targets", rows);
		Files.createDirectories(this.settings.output);
		Files.writeString(this.settings.output.resolve("results.md"), this.markdown);
		Files.writeString(this.settings.output.resolve("results.json"),
				JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsString(this.json));
		return this.markdown.toString();
	}

	private void target(String name, String measured, boolean met) {
		this.targets.add(new String[] { name, measured, met ? "yes" : "**no**" });
	}

	private static double bytes(List<AllocationBenchmark.Allocation> allocations, String benchmark) {
		return allocations.stream()
			.filter((allocation) -> allocation.benchmark().equals(benchmark))
			.mapToDouble(AllocationBenchmark.Allocation::bytesPerOp)
			.findFirst()
			.orElse(Double.NaN);
	}

	private static String format(double value, int digits) {
		return String.format(Locale.ROOT, "%." + digits + "f", value);
	}

	private static String range(List<Double> values) {
		return format(Stats.min(values, Double::doubleValue), 2) + "–" + format(Stats.max(values, Double::doubleValue), 2);
	}

	private static String seconds(long millis) {
		return (millis % 1000 == 0) ? String.valueOf(millis / 1000) : format(millis / 1000.0, 1);
	}

	private static double round(double value, int digits) {
		double scale = Math.pow(10, digits);
		return Double.isFinite(value) ? Math.round(value * scale) / scale : -1;
	}

}
