package com.egain.auth.benchmarks;

import java.nio.charset.StandardCharsets;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.LoopResources;

/**
 * A minimal resource server on 127.0.0.1 and a random port: answers every request that
 * carries a bearer token with a two-byte body, and every other one with {@code 401}, so
 * that a setup that forgets the token cannot look fast.
 */
final class LocalResourceServer implements AutoCloseable {

	private static final byte[] BODY = "ok".getBytes(StandardCharsets.US_ASCII);

	private final LoopResources loops;

	private final DisposableServer server;

	LocalResourceServer(int threads) {
		this.loops = LoopResources.create("resource-server", 1, threads, true);
		this.server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.runOn(this.loops)
			.handle((request, response) -> {
				String authorization = request.requestHeaders().get(HttpHeaderNames.AUTHORIZATION);
				if (authorization == null || !authorization.startsWith("Bearer ")) {
					return response.status(HttpResponseStatus.UNAUTHORIZED).send();
				}
				return response.header(HttpHeaderNames.CONTENT_TYPE, "text/plain")
					.header(HttpHeaderNames.CONTENT_LENGTH, String.valueOf(BODY.length))
					.sendByteArray(Mono.just(BODY));
			})
			.bindNow();
	}

	String baseUrl() {
		return "http://127.0.0.1:" + this.server.port();
	}

	@Override
	public void close() {
		this.server.disposeNow();
		this.loops.disposeLater().block();
	}

}
