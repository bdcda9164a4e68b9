package com.egain.auth.benchmarks;

import java.util.LinkedHashMap;
import java.util.Map;

import com.egain.auth.spring.EgainWebClients;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The starter's pre-authorized WebClient, from a fresh application context configured
 * only through {@code egain.auth.*} properties that point at the local servers.
 */
final class OursTarget implements BenchTarget {

	private final ConfigurableApplicationContext context;

	private final WebClient webClient;

	OursTarget(LocalServers servers) {
		this.context = new SpringApplicationBuilder(BenchApplication.class).web(WebApplicationType.NONE)
			.bannerMode(Banner.Mode.OFF)
			.logStartupInfo(false)
			.properties(properties(servers))
			.run();
		this.webClient = this.context.getBean(EgainWebClients.class).get(LocalServers.CLIENT_NAME);
	}

	static Map<String, Object> properties(LocalServers servers) {
		return properties(servers.resourceServer.baseUrl(), servers.tokenEndpoint.tokenUri(), servers.maxConnections);
	}

	static Map<String, Object> properties(String baseUrl, String tokenUri, int maxConnections) {
		String client = "egain.auth.clients." + LocalServers.CLIENT_NAME + ".";
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("spring.main.web-application-type", "none");
		properties.put("logging.level.root", "warn");
		properties.put("egain.auth.api-base-url", baseUrl);
		properties.put(client + "token-uri", tokenUri);
		properties.put(client + "client-id", LocalServers.CLIENT_ID);
		properties.put(client + "client-secret", LocalServers.CLIENT_SECRET);
		properties.put(client + "scopes", LocalServers.SCOPE);
		properties.put(client + "base-url", baseUrl);
		properties.put(BenchApplication.MAX_CONNECTIONS_PROPERTY, maxConnections);
		return properties;
	}

	ConfigurableApplicationContext context() {
		return this.context;
	}

	@Override
	public WebClient webClient() {
		return this.webClient;
	}

	@Override
	public void close() {
		this.context.close();
	}

}
