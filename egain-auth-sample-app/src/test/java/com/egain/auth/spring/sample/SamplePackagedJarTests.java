package com.egain.auth.spring.sample;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged sample jar run as production runs it, {@code java -jar} in a process of
 * its own: configured only through {@code EGAIN_AUTH_CLIENTS_*} environment variables, it
 * calls the configured token endpoint (a WireMock stub on 127.0.0.1) and never the
 * built-in emulator; with no credentials and no profile it fails naming the missing
 * properties; only the {@code emulator} profile in its command line starts the emulator.
 * Run by failsafe, after the jar is packaged.
 */
class SamplePackagedJarTests {

	private static final Duration START_LIMIT = Duration.ofSeconds(120);

	private static final Pattern PORT = Pattern.compile("Netty started on port (\\d+)");

	private static final String TOKEN_PATH = "/system/auth/TMSTUB01-U/oauth2/token";

	private static final String ANONYMOUS_TOKEN_PATH = "/core/authmgr/v3/oauth2/v2.0/anonymous/token";

	private final WireMockServer egain = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort());

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@TempDir
	private Path temp;

	private Process process;

	private Path log;

	@BeforeEach
	void startStub() {
		this.egain.start();
		this.egain.stubFor(post(urlPathEqualTo(TOKEN_PATH)).willReturn(
				okJson("{\"access_token\":\"portal-token\",\"token_type\":\"Bearer\",\"expires_in\":300}")));
		this.egain.stubFor(post(urlPathEqualTo(ANONYMOUS_TOKEN_PATH)).willReturn(
				okJson("{\"access_token\":\"visitor-token\",\"token_type\":\"Bearer\",\"expires_in\":300}")));
		this.egain.stubFor(get(urlPathEqualTo("/knowledge/portalmgr/v4/articles/search"))
			.withHeader("Authorization", containing("Bearer portal-token"))
			.willReturn(okJson("{\"articles\":[{\"name\":\"From the stub\"}]}")));
	}

	@AfterEach
	void stop() throws InterruptedException {
		if (this.process != null && this.process.isAlive()) {
			this.process.destroy();
			if (!this.process.waitFor(20, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		this.egain.stop();
	}

	@Test
	void clientsConfiguredThroughEnvironmentVariablesCallTheirTokenEndpointAndNeverTheEmulator() throws Exception {
		String stub = this.egain.baseUrl();
		int port = startedPort(launch(List.of(), Map.of("EGAIN_AUTH_APIBASEURL", stub,
				"EGAIN_AUTH_CLIENTS_PORTAL_TOKENURI", stub + TOKEN_PATH, "EGAIN_AUTH_CLIENTS_PORTAL_CLIENTID",
				"portal-from-env", "EGAIN_AUTH_CLIENTS_PORTAL_CLIENTSECRET", "portal-secret-from-env",
				"EGAIN_AUTH_CLIENTS_VISITOR_CLIENTID", "visitor-from-env", "EGAIN_AUTH_CLIENTS_VISITOR_CLIENTSECRET",
				"visitor-secret-from-env")));
		HttpResponse<String> articles = call(port, "/articles?q=printer");
		assertThat(articles.statusCode()).isEqualTo(200);
		assertThat(articles.body()).contains("From the stub");
		HttpResponse<String> widgetToken = call(port, "/widget-token");
		assertThat(widgetToken.statusCode()).isEqualTo(200);
		assertThat(widgetToken.body()).contains("visitor-token");
		this.egain.verify(1, postRequestedFor(urlPathEqualTo(TOKEN_PATH))
			.withRequestBody(containing("client_id=portal-from-env")));
		this.egain.verify(1, postRequestedFor(urlPathEqualTo(ANONYMOUS_TOKEN_PATH))
			.withQueryParam("domain_hint", containing("TMSTUB01"))
			.withRequestBody(containing("client_id=visitor-from-env")));
		assertThat(output()).doesNotContain("EMULATOR MODE")
			.doesNotContain("portal-secret-from-env")
			.doesNotContain("visitor-secret-from-env");
	}

	@Test
	void withoutCredentialsAndWithoutTheProfileTheStartUpFailsNamingTheMissingProperties() throws Exception {
		Process process = launch(List.of(), Map.of());
		assertThat(process.waitFor(START_LIMIT.toSeconds(), TimeUnit.SECONDS))
			.as("the sample stops on its own; output:%n%s", output())
			.isTrue();
		assertThat(process.exitValue()).isNotZero();
		assertThat(output()).contains("APPLICATION FAILED TO START")
			.contains("Property: egain.auth.clients.portal.client-id")
			.contains("Property: egain.auth.clients.portal.client-secret")
			.contains("Property: egain.auth.clients.portal.token-uri")
			.doesNotContain("EMULATOR MODE");
	}

	@Test
	void emulatorProfileInTheCommandLineStartsTheEmulator() throws Exception {
		int port = startedPort(launch(List.of("--spring.profiles.active=emulator"), Map.of()));
		assertThat(output()).contains("eGain EMULATOR MODE");
		HttpResponse<String> articles = call(port, "/articles?q=printer");
		assertThat(articles.statusCode()).isEqualTo(200);
		assertThat(articles.body()).contains("An article made up by the eGain emulator.");
		this.egain.verify(0, postRequestedFor(urlPathEqualTo(TOKEN_PATH)));
	}

	/**
	 * Start the packaged jar with only the given EGAIN_* variables of the environment:
	 * none of this machine's own eGain or Spring settings.
	 */
	private Process launch(List<String> arguments, Map<String, String> variables) throws IOException {
		String jar = System.getProperty("sample.jar");
		assertThat(jar).as("the sample.jar system property (set by the build)").isNotNull();
		assertThat(Path.of(jar)).exists();
		this.log = this.temp.resolve("sample.log");
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-jar", jar, "--server.port=0"));
		command.addAll(arguments);
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(this.log.toFile());
		builder.environment().keySet().removeIf((name) -> name.startsWith("EGAIN_") || name.startsWith("SPRING_")
				|| name.startsWith("JAVA_TOOL_OPTIONS") || name.startsWith("SERVER_"));
		builder.environment().putAll(variables);
		this.process = builder.start();
		return this.process;
	}

	/**
	 * Wait, at most {@link #START_LIMIT}, until the sample says on which port it listens.
	 */
	private int startedPort(Process process) throws Exception {
		long deadline = System.nanoTime() + START_LIMIT.toNanos();
		while (System.nanoTime() < deadline) {
			Matcher matcher = PORT.matcher(output());
			if (matcher.find() && output().contains("Started SampleApplication")) {
				return Integer.parseInt(matcher.group(1));
			}
			if (!process.isAlive()) {
				throw new AssertionError("The sample stopped with exit code " + process.exitValue() + ":\n" + output());
			}
			Thread.sleep(100);
		}
		throw new AssertionError("The sample did not start within " + START_LIMIT + ":\n" + output());
	}

	private HttpResponse<String> call(int port, String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.timeout(Duration.ofSeconds(20))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private String output() throws IOException {
		return Files.exists(this.log) ? Files.readString(this.log, StandardCharsets.UTF_8) : "";
	}

}
