package com.egain.auth.benchmarks;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.egain.auth.spring.EgainAccessTokens;
import com.egain.auth.spring.EgainExchangeFilterFunction;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import reactor.core.publisher.Mono;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The filter path alone, with a warm token cache: each setup's
 * {@link ExchangeFilterFunction} called with a no-op {@link ExchangeFunction} that
 * answers a canned {@code 200} response. Run with JMH's {@code gc} profiler for bytes
 * per request. {@code baseline} is the harness alone (the exchange and
 * {@code Mono.block()}), to subtract.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = { "-Xms512m", "-Xmx512m" })
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class FilterAllocationBenchmark {

	private static final String BASE_URL = "http://127.0.0.1:9";

	private LocalTokenEndpoint tokenEndpoint;

	private ConfigurableApplicationContext context;

	private ExchangeFilterFunction ours;

	private ExchangeFilterFunction stock;

	private ExchangeFilterFunction raw;

	private ClientRequest request;

	private ClientRequest preauthorized;

	private ExchangeFunction exchange;

	@Setup(Level.Trial)
	public void setUp() {
		this.tokenEndpoint = new LocalTokenEndpoint(1, Duration.ZERO, 3600);
		this.context = new SpringApplicationBuilder(BenchApplication.class).web(WebApplicationType.NONE)
			.bannerMode(Banner.Mode.OFF)
			.logStartupInfo(false)
			.properties(OursTarget.properties(BASE_URL, this.tokenEndpoint.tokenUri(), 16))
			.run();
		this.context.getBean(EgainAccessTokens.class).get(LocalServers.CLIENT_NAME).block(Duration.ofSeconds(30));
		this.ours = this.context.getBean(EgainExchangeFilterFunction.class).forClient(LocalServers.CLIENT_NAME);
		this.stock = StockTarget.filter(this.tokenEndpoint.tokenUri(), WebClient.create(), null);
		this.raw = (request, next) -> next.exchange(ClientRequest.from(request)
			.headers((headers) -> headers.setBearerAuth(RawTarget.FIXED_TOKEN))
			.build());
		this.request = ClientRequest.create(HttpMethod.GET, URI.create(BASE_URL + LocalServers.RESOURCE_PATH)).build();
		this.preauthorized = ClientRequest.from(this.request)
			.headers((headers) -> headers.setBearerAuth(RawTarget.FIXED_TOKEN))
			.build();
		ClientResponse response = ClientResponse.create(HttpStatus.OK).header(HttpHeaders.CONTENT_TYPE, "text/plain")
			.body("ok")
			.build();
		Mono<ClientResponse> canned = Mono.just(response);
		this.exchange = (request) -> {
			if (!request.headers().containsHeader(HttpHeaders.AUTHORIZATION)) {
				throw new IllegalStateException("No Authorization header on " + request.url());
			}
			return canned;
		};
		// Warm the stock setup's token too.
		this.stock.filter(this.request, this.exchange).block(Duration.ofSeconds(30));
		int before = this.tokenEndpoint.requests();
		this.ours.filter(this.request, this.exchange).block();
		this.stock.filter(this.request, this.exchange).block();
		if (this.tokenEndpoint.requests() != before) {
			throw new IllegalStateException("A warm filter requested a token");
		}
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		this.context.close();
		this.tokenEndpoint.close();
	}

	@Benchmark
	public ClientResponse baseline() {
		return this.exchange.exchange(this.preauthorized).block();
	}

	@Benchmark
	public ClientResponse ours() {
		return this.ours.filter(this.request, this.exchange).block();
	}

	@Benchmark
	public ClientResponse stock() {
		return this.stock.filter(this.request, this.exchange).block();
	}

	@Benchmark
	public ClientResponse raw() {
		return this.raw.filter(this.request, this.exchange).block();
	}

}
