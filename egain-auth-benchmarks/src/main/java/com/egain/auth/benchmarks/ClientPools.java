package com.egain.auth.benchmarks;

import java.time.Duration;

import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;

/**
 * The one kind of connection pool and connector that every setup's WebClient uses:
 * Reactor Netty with room for as many connections as the highest steady-state
 * concurrency needs and an unbounded queue of pending acquisitions, so that a burst of
 * 10,000 requests waits for a connection instead of failing.
 *
 * <p>All pools run on the same event loops, one thread unless {@code bench.clientThreads}
 * says otherwise: with several loops, which loop a pooled connection landed on (and so
 * whether each request hops threads) varies from setup to setup and run to run, and at
 * concurrency 1 that shifted the results by up to 20% either way. With one client loop
 * and one loop per server the two cores are split evenly and every setup gets the same
 * threading.
 */
final class ClientPools {

	private static final Duration PENDING_ACQUIRE_TIMEOUT = Duration.ofMinutes(2);

	private static final LoopResources LOOPS = LoopResources.create("bench-client", 1,
			Integer.getInteger("bench.clientThreads", 1), true);

	private ClientPools() {
	}

	/**
	 * Create a new pool.
	 * @param name the pool's name
	 * @param maxConnections its largest number of connections
	 * @return the pool, to dispose of when done
	 */
	static ConnectionProvider pool(String name, int maxConnections) {
		return ConnectionProvider.builder(name)
			.maxConnections(maxConnections)
			.pendingAcquireMaxCount(-1)
			.pendingAcquireTimeout(PENDING_ACQUIRE_TIMEOUT)
			.build();
	}

	/**
	 * Create a connector on the given pool.
	 * @param pool the pool
	 * @return the connector
	 */
	static ClientHttpConnector connector(ConnectionProvider pool) {
		return new ReactorClientHttpConnector(HttpClient.create(pool).runOn(LOOPS));
	}

}
