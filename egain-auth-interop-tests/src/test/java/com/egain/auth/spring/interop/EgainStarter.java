package com.egain.auth.spring.interop;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.http.codec.autoconfigure.CodecsAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.util.ClassUtils;

/**
 * The application under test: a non-web Spring application with Spring Boot's WebClient
 * auto-configuration and the auto-configurations the starter registers for Spring Boot to
 * find, configured only through {@code egain.auth.*} properties.
 */
final class EgainStarter {

	/**
	 * Name of the client-app client.
	 */
	static final String PORTAL = "portal";

	/**
	 * Name of the anonymous-customer client.
	 */
	static final String VISITOR = "visitor";

	/**
	 * Name of the client-app client whose tokens live {@link EgainTestClients#SHORT_LIVED_TOKEN_TTL}.
	 */
	static final String SHORT_LIVED = "short-lived";

	private EgainStarter() {
	}

	/**
	 * Return a runner of the starter's auto-configuration without any client.
	 * @return the runner
	 */
	static ApplicationContextRunner runner() {
		List<Class<?>> configurations = new ArrayList<>(
				List.of(JacksonAutoConfiguration.class, CodecsAutoConfiguration.class, WebClientAutoConfiguration.class));
		configurations.addAll(startersAutoConfigurations());
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(configurations.toArray(Class<?>[]::new)));
	}

	/**
	 * Return the starter's auto-configurations as Spring Boot finds them: listed in its
	 * {@code META-INF/spring/...AutoConfiguration.imports}.
	 */
	private static List<Class<?>> startersAutoConfigurations() {
		ClassLoader classLoader = EgainStarter.class.getClassLoader();
		List<Class<?>> configurations = new ArrayList<>();
		for (String name : ImportCandidates.load(AutoConfiguration.class, classLoader)) {
			if (name.startsWith("com.egain.auth.")) {
				configurations.add(ClassUtils.resolveClassName(name, classLoader));
			}
		}
		if (configurations.isEmpty()) {
			throw new IllegalStateException("Spring Boot finds no auto-configuration of the starter: "
					+ "META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports is missing");
		}
		return configurations;
	}

	/**
	 * Return a runner of the starter configured with the clients of the in-JVM
	 * authorization server at the given base URL, which also serves the APIs.
	 * @param baseUrl the server's base URL
	 * @return the runner
	 */
	static ApplicationContextRunner against(String baseUrl) {
		return runner().withPropertyValues("egain.auth.api-base-url=" + baseUrl,
				client(PORTAL) + "token-uri=" + baseUrl + EgainTestClients.CLIENT_APP_TOKEN_PATH,
				client(PORTAL) + "client-id=" + EgainTestClients.PORTAL_CLIENT_ID,
				client(PORTAL) + "client-secret=" + EgainTestClients.PORTAL_CLIENT_SECRET,
				client(PORTAL) + "scopes=" + EgainTestClients.PORTALMGR_READ + "," + EgainTestClients.PORTALMGR_MANAGE,
				client(VISITOR) + "type=anonymous-customer", client(VISITOR) + "tenant-id=" + EgainTestClients.TENANT,
				client(VISITOR) + "client-id=" + EgainTestClients.VISITOR_CLIENT_ID,
				client(VISITOR) + "client-secret=" + EgainTestClients.VISITOR_CLIENT_SECRET,
				client(VISITOR) + "scopes=" + EgainTestClients.AISERVICES_READ,
				client(SHORT_LIVED) + "token-uri=" + baseUrl + EgainTestClients.CLIENT_APP_TOKEN_PATH,
				client(SHORT_LIVED) + "client-id=" + EgainTestClients.SHORT_LIVED_CLIENT_ID,
				client(SHORT_LIVED) + "client-secret=" + EgainTestClients.SHORT_LIVED_CLIENT_SECRET,
				client(SHORT_LIVED) + "scopes=" + EgainTestClients.PORTALMGR_READ);
	}

	/**
	 * Return the property prefix of the given client, ending with a dot.
	 * @param name the client name
	 * @return the prefix
	 */
	static String client(String name) {
		return "egain.auth.clients." + name + ".";
	}

}
