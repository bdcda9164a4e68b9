package com.egain.auth.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.sun.management.ThreadMXBean;
import reactor.core.publisher.Mono;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Where the starter's per-request cost goes: CPU time of the client event loop per
 * request for the raw floor, the raw floor plus a pass-through filter, plus a filter that
 * copies the request to set a fixed bearer header (what any token filter does at least),
 * plus a {@code flatMap} that checks the response for {@code 401} (what a filter that
 * recovers from a rejected token does at least), and the starter's WebClient. Not part of
 * the default run: {@code -Dbench.parts=filtercost}.
 */
final class FilterCostBenchmark {

	private static final ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();

	private final LocalServers servers;

	private final BenchmarkSettings settings;

	FilterCostBenchmark(LocalServers servers, BenchmarkSettings settings) {
		this.servers = servers;
		this.settings = settings;
	}

	/**
	 * One variant at one concurrency, medians over the rounds.
	 */
	record Cost(int concurrency, String variant, double throughput, double clientMicrosPerRequest,
			double bytesPerRequest) {

		Map<String, Object> describe() {
			Map<String, Object> map = new LinkedHashMap<>();
			map.put("concurrency", this.concurrency);
			map.put("variant", this.variant);
			map.put("throughput", this.throughput);
			map.put("clientLoopMicrosPerRequest", this.clientMicrosPerRequest);
			map.put("bytesPerRequest", this.bytesPerRequest);
			return map;
		}

	}

	List<Cost> run() {
		this.servers.tokenEndpoint.reset(this.settings.tokenLatency, 3600);
		List<ConnectionProvider> pools = new ArrayList<>();
		List<Cost> costs = new ArrayList<>();
		try (OursTarget ours = new OursTarget(this.servers)) {
			Map<String, WebClient> variants = new LinkedHashMap<>();
			variants.put("raw floor", webClient(pools, null).defaultHeader(HttpHeaders.AUTHORIZATION,
					"Bearer " + RawTarget.FIXED_TOKEN).build());
			variants.put("raw + pass-through filter", webClient(pools, (request, next) -> next.exchange(request))
				.defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + RawTarget.FIXED_TOKEN)
				.build());
			variants.put("raw + filter copying the request to set the header",
					webClient(pools, (request, next) -> next.exchange(withToken(request, RawTarget.FIXED_TOKEN)))
						.build());
			variants.put("raw + copying filter + 401 check (one flatMap)",
					webClient(pools, copyAndCheck()).build());
			variants.put("ours", ours.webClient());
			for (WebClient webClient : variants.values()) {
				LoadGenerator.closedLoop(() -> call(webClient), 16, Duration.ZERO, this.settings.initialWarmup);
			}
			List<String> names = new ArrayList<>(variants.keySet());
			for (int concurrency : List.of(16, 256)) {
				Map<String, List<double[]>> rounds = new LinkedHashMap<>();
				for (int round = 0; round < this.settings.rounds; round++) {
					for (int i = 0; i < names.size(); i++) {
						String name = names.get((i + round) % names.size());
						WebClient webClient = variants.get(name);
						long before = clientLoopCpuNanos();
						Sample sample = LoadGenerator.closedLoop(() -> call(webClient), concurrency, Duration.ZERO,
								this.settings.measure);
						double micros = (clientLoopCpuNanos() - before) / 1000.0 / sample.count();
						rounds.computeIfAbsent(name, (key) -> new ArrayList<>())
							.add(new double[] { sample.throughput(), micros, sample.bytesPerRequest });
					}
				}
				for (String name : names) {
					List<double[]> values = rounds.get(name);
					Cost cost = new Cost(concurrency, name, Stats.median(values, (v) -> v[0]),
							Stats.median(values, (v) -> v[1]), Stats.median(values, (v) -> v[2]));
					costs.add(cost);
					SteadyStateBenchmark.log(String.format("filter cost concurrency %d %-52s %8.0f req/s %6.2f µs/req",
							concurrency, name, cost.throughput(), cost.clientMicrosPerRequest()));
				}
			}
		}
		finally {
			pools.forEach(ConnectionProvider::dispose);
		}
		return costs;
	}

	private WebClient.Builder webClient(List<ConnectionProvider> pools, ExchangeFilterFunction filter) {
		ConnectionProvider pool = ClientPools.pool("filter-cost-" + pools.size(), this.servers.maxConnections);
		pools.add(pool);
		WebClient.Builder builder = WebClient.builder()
			.clientConnector(ClientPools.connector(pool))
			.baseUrl(this.servers.resourceServer.baseUrl());
		return (filter != null) ? builder.filter(filter) : builder;
	}

	/**
	 * The least a token filter with 401 recovery does for a cached token: copy the request
	 * with the header, and look at the response's status in one {@code flatMap}.
	 */
	private static ExchangeFilterFunction copyAndCheck() {
		return (request, next) -> next.exchange(withToken(request, RawTarget.FIXED_TOKEN))
			.flatMap((response) -> (response.statusCode().value() == HttpStatus.UNAUTHORIZED.value())
					? Mono.error(new IllegalStateException("401 from the resource server")) : Mono.just(response));
	}

	private static ClientRequest withToken(ClientRequest request, String token) {
		return ClientRequest.from(request).headers((headers) -> headers.setBearerAuth(token)).build();
	}

	private static Mono<String> call(WebClient webClient) {
		return webClient.get().uri(LocalServers.RESOURCE_PATH).retrieve().bodyToMono(String.class);
	}

	private static long clientLoopCpuNanos() {
		long total = 0;
		for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
			if (info != null && info.getThreadName().startsWith("bench-client")) {
				total += Math.max(threads.getThreadCpuTime(info.getThreadId()), 0);
			}
		}
		return total;
	}

}
