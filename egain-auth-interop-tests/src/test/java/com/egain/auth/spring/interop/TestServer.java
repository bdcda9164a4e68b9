package com.egain.auth.spring.interop;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A servlet application of this module running on a random port of 127.0.0.1, with the
 * requests it received.
 */
final class TestServer implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private final String baseUrl;

	private TestServer(ConfigurableApplicationContext context) {
		this.context = context;
		this.baseUrl = "http://127.0.0.1:" + context.getEnvironment().getRequiredProperty("local.server.port");
	}

	/**
	 * Start the given application.
	 * @param application the application's configuration class
	 * @param properties further properties, as {@code name=value}
	 * @return the running server
	 */
	static TestServer start(Class<?> application, String... properties) {
		List<String> all = new ArrayList<>(List.of("server.address=127.0.0.1", "server.port=0",
				// The starter is on this module's class path, but the servers are not its users.
				"egain.auth.enabled=false"));
		all.addAll(List.of(properties));
		ConfigurableApplicationContext context = new SpringApplicationBuilder(application)
			.web(WebApplicationType.SERVLET)
			.bannerMode(Banner.Mode.OFF)
			.logStartupInfo(false)
			.properties(all.toArray(String[]::new))
			.run();
		return new TestServer(context);
	}

	/**
	 * The server's base URL, {@code http://127.0.0.1:<port>}.
	 * @return the base URL
	 */
	String baseUrl() {
		return this.baseUrl;
	}

	/**
	 * The URL of the given path on this server.
	 * @param path the path, starting with {@code /}
	 * @return the URL
	 */
	String url(String path) {
		return this.baseUrl + path;
	}

	/**
	 * The requests this server received.
	 * @return the recorder
	 */
	ExchangeRecorder exchanges() {
		return this.context.getBean(ExchangeRecorder.class);
	}

	/**
	 * Return the server's bean of the given type.
	 * @param <T> the bean type
	 * @param type the bean type
	 * @return the bean
	 */
	<T> T bean(Class<T> type) {
		return this.context.getBean(type);
	}

	@Override
	public void close() {
		this.context.close();
	}

}
