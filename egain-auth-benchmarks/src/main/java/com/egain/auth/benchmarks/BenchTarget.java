package com.egain.auth.benchmarks;

import reactor.core.publisher.Mono;

import org.springframework.web.reactive.function.client.WebClient;

/**
 * One setup under test, ready to send requests to the local resource server.
 */
interface BenchTarget extends AutoCloseable {

	/**
	 * The WebClient of this setup, with the resource server as its base URL.
	 * @return the WebClient
	 */
	WebClient webClient();

	/**
	 * One application request: {@code GET /resource}, body read as a String.
	 * @return the body
	 */
	default Mono<String> call() {
		return webClient().get().uri(LocalServers.RESOURCE_PATH).retrieve().bodyToMono(String.class);
	}

	@Override
	void close();

}
