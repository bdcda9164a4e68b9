package com.egain.auth.spring;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * eGain as a fleet of instances sees it, on loopback: a token endpoint that issues a new
 * random token per request, with a lifetime and a latency of the test's choosing, and an
 * API at {@code /api} that accepts only tokens it issued that have not expired, and
 * records which it saw.
 */
public final class FleetEgain implements AutoCloseable {

	private final HttpServer server;

	private final ExecutorService executor = Executors.newCachedThreadPool();

	private final AtomicInteger tokenRequests = new AtomicInteger();

	private final AtomicInteger apiCalls = new AtomicInteger();

	private final AtomicInteger rejectedCalls = new AtomicInteger();

	private final Map<String, Long> issued = new ConcurrentHashMap<>();

	private final Set<String> seen = ConcurrentHashMap.newKeySet();

	private volatile long lifetimeSeconds = 3600;

	private volatile long latencyMillis = 100;

	public FleetEgain() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1000);
		this.server.setExecutor(this.executor);
		this.server.createContext(TestClients.TOKEN_PATH, this::token);
		this.server.createContext("/api", this::api);
		this.server.start();
	}

	public String baseUrl() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	public void setLifetimeSeconds(long lifetimeSeconds) {
		this.lifetimeSeconds = lifetimeSeconds;
	}

	public void setLatencyMillis(long latencyMillis) {
		this.latencyMillis = latencyMillis;
	}

	public int tokenRequests() {
		return this.tokenRequests.get();
	}

	public int apiCalls() {
		return this.apiCalls.get();
	}

	/**
	 * Calls the API answered with 401: a token it did not issue, or an expired one.
	 * @return the number of such calls
	 */
	public int rejectedCalls() {
		return this.rejectedCalls.get();
	}

	/**
	 * The tokens the API accepted.
	 * @return the token values
	 */
	public Set<String> seenTokens() {
		return Set.copyOf(this.seen);
	}

	/**
	 * Every token issued.
	 * @return the token values
	 */
	public Set<String> issuedTokens() {
		return Set.copyOf(this.issued.keySet());
	}

	private void token(HttpExchange exchange) throws IOException {
		exchange.getRequestBody().readAllBytes();
		int number = this.tokenRequests.incrementAndGet();
		String token = "fleet-token-" + number + "-" + UUID.randomUUID();
		long lifetime = this.lifetimeSeconds;
		this.issued.put(token, System.currentTimeMillis() + lifetime * 1000);
		try {
			Thread.sleep(this.latencyMillis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		respond(exchange, 200, TestClients.tokenJson(token, lifetime));
	}

	private void api(HttpExchange exchange) throws IOException {
		this.apiCalls.incrementAndGet();
		String authorization = exchange.getRequestHeaders().getFirst("Authorization");
		String token = (authorization != null && authorization.startsWith("Bearer ")) ? authorization.substring(7)
				: "";
		Long expiresAt = this.issued.get(token);
		if (expiresAt == null || System.currentTimeMillis() >= expiresAt) {
			this.rejectedCalls.incrementAndGet();
			respond(exchange, 401, "");
			return;
		}
		this.seen.add(token);
		respond(exchange, 200, "data");
	}

	private static void respond(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		// No keep-alive: the JDK's server may close an idle connection just as a client
		// reuses it, which would fail calls for a reason of the test server's own.
		exchange.getResponseHeaders().add("Connection", "close");
		exchange.sendResponseHeaders(status, (bytes.length > 0) ? bytes.length : -1);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

}
