package com.egain.auth.benchmarks;

import reactor.netty.resources.ConnectionProvider;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.http.client.reactive.ClientHttpConnector;

/**
 * The application of the "ours" setup: everything auto-configured, as in an application
 * that depends on the starter, plus a {@link ClientHttpConnector} bean so that Spring
 * Boot's {@code WebClient.Builder}, and so the starter's WebClients, use the same kind of
 * connection pool as the other setups.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
class BenchApplication {

	/**
	 * Property that holds the pool size.
	 */
	static final String MAX_CONNECTIONS_PROPERTY = "bench.pool.max-connections";

	@Bean(destroyMethod = "dispose")
	ConnectionProvider benchConnectionProvider(Environment environment) {
		return ClientPools.pool("ours", environment.getRequiredProperty(MAX_CONNECTIONS_PROPERTY, Integer.class));
	}

	@Bean
	ClientHttpConnector benchClientHttpConnector(ConnectionProvider benchConnectionProvider) {
		return ClientPools.connector(benchConnectionProvider);
	}

}
