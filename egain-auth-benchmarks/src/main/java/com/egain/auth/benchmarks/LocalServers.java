package com.egain.auth.benchmarks;

import java.time.Duration;

/**
 * The local resource server and token endpoint that every setup talks to, and the pool
 * size of the setups' clients.
 */
final class LocalServers implements AutoCloseable {

	static final String CLIENT_NAME = "bench";

	static final String CLIENT_ID = "bench-client";

	static final String CLIENT_SECRET = "bench-secret";

	static final String SCOPE = "bench.read";

	static final String RESOURCE_PATH = "/resource";

	final LocalResourceServer resourceServer;

	final LocalTokenEndpoint tokenEndpoint;

	final int maxConnections;

	LocalServers(int serverThreads, int maxConnections, Duration tokenLatency, long tokenLifetimeSeconds) {
		this.resourceServer = new LocalResourceServer(serverThreads);
		this.tokenEndpoint = new LocalTokenEndpoint(serverThreads, tokenLatency, tokenLifetimeSeconds);
		this.maxConnections = maxConnections;
	}

	@Override
	public void close() {
		this.resourceServer.close();
		this.tokenEndpoint.close();
	}

}
