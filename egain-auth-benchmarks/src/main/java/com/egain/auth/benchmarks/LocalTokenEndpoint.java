package com.egain.auth.benchmarks;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.LoopResources;

/**
 * A client-credentials token endpoint on 127.0.0.1 and a random port. Answers each
 * {@code POST} after a configurable latency with a unique bearer token of a configurable
 * lifetime, and counts the requests it received.
 */
final class LocalTokenEndpoint implements AutoCloseable {

	static final String PATH = "/oauth2/token";

	private final AtomicInteger requests = new AtomicInteger();

	private final LoopResources loops;

	private final DisposableServer server;

	private volatile Duration latency;

	private volatile long lifetimeSeconds;

	LocalTokenEndpoint(int threads, Duration latency, long lifetimeSeconds) {
		this.latency = latency;
		this.lifetimeSeconds = lifetimeSeconds;
		this.loops = LoopResources.create("token-endpoint", 1, threads, true);
		this.server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.runOn(this.loops)
			.handle((request, response) -> {
				if (!HttpMethod.POST.equals(request.method())) {
					return response.status(HttpResponseStatus.METHOD_NOT_ALLOWED).send();
				}
				int number = this.requests.incrementAndGet();
				String body = "{\"access_token\":\"token-" + number + "-" + System.nanoTime()
						+ "\",\"token_type\":\"Bearer\",\"expires_in\":" + this.lifetimeSeconds + "}";
				Duration delay = this.latency;
				Mono<Void> drained = request.receive().then();
				Mono<Void> waited = delay.isZero() ? drained : drained.then(Mono.delay(delay)).then();
				return waited.then(response.header(HttpHeaderNames.CONTENT_TYPE, "application/json")
					.header(HttpHeaderNames.CACHE_CONTROL, "no-store")
					.sendString(Mono.just(body))
					.then());
			})
			.bindNow();
	}

	String tokenUri() {
		return "http://127.0.0.1:" + this.server.port() + PATH;
	}

	/**
	 * Set the latency and token lifetime of the following requests and reset the count.
	 */
	void reset(Duration latency, long lifetimeSeconds) {
		this.latency = latency;
		this.lifetimeSeconds = lifetimeSeconds;
		this.requests.set(0);
	}

	void resetCount() {
		this.requests.set(0);
	}

	int requests() {
		return this.requests.get();
	}

	@Override
	public void close() {
		this.server.disposeNow();
		this.loops.disposeLater().block();
	}

}
