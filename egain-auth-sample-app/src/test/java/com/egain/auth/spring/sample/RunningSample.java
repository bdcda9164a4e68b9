package com.egain.auth.spring.sample;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The sample application started by a test, on a random port of 127.0.0.1, with a
 * {@link WebTestClient} that calls it over HTTP.
 */
final class RunningSample implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private final WebTestClient client;

	private RunningSample(ConfigurableApplicationContext context) {
		this.context = context;
		String port = context.getEnvironment().getRequiredProperty("local.server.port");
		this.client = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
	}

	/**
	 * Start the sample with the {@code emulator} profile, as the README's offline command
	 * does: without client credentials it calls the built-in eGain emulator.
	 * @param args further command-line arguments
	 * @return the running sample
	 */
	static RunningSample withEmulator(String... args) {
		List<String> all = new ArrayList<>(List.of("--spring.profiles.active=emulator"));
		all.addAll(Arrays.asList(args));
		return start(all.toArray(String[]::new));
	}

	static RunningSample start(String... args) {
		List<String> all = new ArrayList<>(List.of("--server.port=0"));
		all.addAll(Arrays.asList(args));
		// The main class names the initializer generated ahead of time, when there is one.
		return new RunningSample(new SpringApplicationBuilder(SampleApplication.class).main(SampleApplication.class)
			.run(all.toArray(String[]::new)));
	}

	ConfigurableApplicationContext context() {
		return this.context;
	}

	WebTestClient client() {
		return this.client;
	}

	@Override
	public void close() {
		this.context.close();
	}

}
