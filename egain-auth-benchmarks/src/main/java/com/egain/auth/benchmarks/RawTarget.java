package com.egain.auth.benchmarks;

import reactor.netty.resources.ConnectionProvider;

import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The floor: a WebClient that sends a fixed {@code Authorization: Bearer} header and
 * never talks to a token endpoint.
 */
final class RawTarget implements BenchTarget {

	static final String FIXED_TOKEN = "fixed-benchmark-token";

	private final ConnectionProvider pool;

	private final WebClient webClient;

	RawTarget(LocalServers servers) {
		this.pool = ClientPools.pool("raw", servers.maxConnections);
		this.webClient = WebClient.builder()
			.clientConnector(ClientPools.connector(this.pool))
			.baseUrl(servers.resourceServer.baseUrl())
			.defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + FIXED_TOKEN)
			.build();
	}

	@Override
	public WebClient webClient() {
		return this.webClient;
	}

	@Override
	public void close() {
		this.pool.dispose();
	}

}
