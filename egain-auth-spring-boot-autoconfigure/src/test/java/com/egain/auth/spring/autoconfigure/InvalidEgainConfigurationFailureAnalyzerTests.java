package com.egain.auth.spring.autoconfigure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import com.egain.auth.spring.EgainClientRegistrations;
import com.egain.auth.spring.autoconfigure.web.reactive.EgainWebClientAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Each configuration mistake stops the start-up with a failure analysis that names the
 * property and says how to fix it, as a user sees it on the console.
 */
@ExtendWith(OutputCaptureExtension.class)
class InvalidEgainConfigurationFailureAnalyzerTests {

	static final String SECRET = "s3cr3t-value-never-printed";

	static final String[] VALID = { "egain.auth.clients.portal.type=client-app",
			"egain.auth.clients.portal.token-uri=https://ai.egain.cloud/system/auth/TMPRODB88619984-U/oauth2/token",
			"egain.auth.clients.portal.client-id=portal-id", "egain.auth.clients.portal.client-secret=" + SECRET,
			"egain.auth.clients.portal.scopes=knowledge.portalmgr.manage" };

	static Stream<Arguments> mistakes() {
		return Stream.of(
				mistake("egain.auth.clients.portal.client-id", null, "is missing",
						"set it to the client id of the eGain client application"),
				mistake("egain.auth.clients.portal.client-secret", null, "is missing",
						"set it to the client secret of the eGain client application"),
				mistake("egain.auth.clients.portal.client-secret", "   ", "is blank",
						"set it to the client secret of the eGain client application"),
				mistake("egain.auth.clients.portal.scopes", null, "is missing: eGain issues no token without scopes",
						"list the scopes assigned to the eGain client app"),
				mistake("egain.auth.clients.portal.token-uri", null, "is missing: a client-app needs its token URL",
						"set it to the Token URL of the client app in eGain"),
				mistake("egain.auth.clients.portal.token-uri", "ai.egain.cloud/system/auth/T-U/oauth2/token",
						"is not an absolute http(s) URI", "set it to the Token URL of the client app in eGain"),
				mistake("egain.auth.clients.portal.token-uri", "http://ai.egain.cloud/system/auth/T-U/oauth2/token",
						"uses plain http to ai.egain.cloud: credentials and tokens would travel in clear text",
						"use https (plain http is allowed only for localhost, 127.0.0.0/8 addresses and [::1]"),
				mistake("egain.auth.clients.portal.token-uri",
						"http://127.corp.example/system/auth/T-U/oauth2/token",
						"uses plain http to 127.corp.example: credentials and tokens would travel in clear text",
						"use https"),
				mistake("egain.auth.clients.portal.token-uri",
						"http://127.0.0.1.nip.io/system/auth/T-U/oauth2/token",
						"uses plain http to 127.0.0.1.nip.io: credentials and tokens would travel in clear text",
						"use https"),
				mistake("egain.auth.clients.portal.base-url", "http://localhost.example.com",
						"uses plain http to localhost.example.com", "use https"),
				mistake("egain.auth.clients.portal.token-uri",
						"https://user:" + SECRET + "@ai.egain.cloud/system/auth/T-U/oauth2/token",
						"has user information before its host ('https://***@ai.egain.cloud/system/auth/T-U/oauth2/token')",
						"remove it: credentials belong in client-id and client-secret"),
				mistake("egain.auth.clients.portal.base-url", "https://" + SECRET + "@api.ai.egain.cloud",
						"has user information before its host ('https://***@api.ai.egain.cloud')",
						"remove it: credentials belong in client-id and client-secret"),
				mistake("egain.auth.api-base-url", "https://admin:" + SECRET + "@api.ai.egain.cloud",
						"has user information before its host", "remove it"),
				mistake("egain.auth.clients.portal.base-url", "http://user:" + SECRET + "@host with spaces",
						"is not a valid URI ('http://***@host with spaces')", "set it to the base URL"),
				mistake("egain.auth.clients.portal.base-url", "not a url", "is not a valid URI",
						"set it to the base URL of the eGain API this client calls"),
				mistake("egain.auth.clients.portal.base-url", "/relative/path", "is not an absolute http(s) URI",
						"set it to the base URL of the eGain API this client calls"),
				mistake("egain.auth.api-base-url", "", "is blank", "set it to the base URL of eGain's APIs"),
				mistake("egain.auth.clients.portal.allowed-origins", "https://other.example/path",
						"has a path", "set it to an origin such as https://api.ai.egain.cloud"));
	}

	static Stream<Arguments> unresolvedPlaceholders() {
		return Stream.of("client-id", "client-secret", "token-uri", "tenant-id", "base-url", "scopes")
			.map((name) -> mistake("egain.auth.clients.portal." + name, "${EGAIN_UNSET_VARIABLE}",
					"contains the unresolved placeholder ${EGAIN_UNSET_VARIABLE}: nothing defines it",
					"define EGAIN_UNSET_VARIABLE (an environment variable or property), or give the placeholder a default"));
	}

	@ParameterizedTest(name = "{1}")
	@MethodSource("unresolvedPlaceholders")
	void unresolvedPlaceholderIsReportedByNameInsteadOfBeingSent(List<String> properties, String property,
			String problem, String action, CapturedOutput output) {
		mistakeIsReportedWithPropertyProblemAndAction(properties, property, problem, action, output);
	}

	@Test
	void unresolvedPlaceholderInsideASecretIsNamedWithoutTheRestOfTheValue(CapturedOutput output) {
		List<String> properties = new ArrayList<>(Arrays.asList(VALID));
		properties.set(3, "egain.auth.clients.portal.client-secret=" + SECRET + "${EGAIN_SECRET_SUFFIX}");
		assertThatException().isThrownBy(() -> start(properties.toArray(String[]::new)));
		assertThat(output).contains("Property: egain.auth.clients.portal.client-secret")
			.contains("Problem: contains the unresolved placeholder ${EGAIN_SECRET_SUFFIX}")
			.doesNotContain(SECRET);
	}

	private static Arguments mistake(String property, String value, String problem, String action) {
		List<String> properties = new ArrayList<>(Arrays.asList(VALID));
		properties.removeIf((entry) -> entry.startsWith(property + "="));
		if (value != null) {
			properties.add(property + "=" + value);
		}
		String propertyShown = (property.endsWith("allowed-origins")
				|| (property.endsWith("scopes") && value != null && value.startsWith("${"))) ? property + "[0]"
						: property;
		return Arguments.of(properties, propertyShown, problem, action);
	}

	@ParameterizedTest(name = "{1} {2}")
	@MethodSource("mistakes")
	void mistakeIsReportedWithPropertyProblemAndAction(List<String> properties, String property, String problem,
			String action, CapturedOutput output) {
		assertThatException().isThrownBy(() -> start(properties.toArray(String[]::new)));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("The eGain client configuration is invalid")
			.contains("Property: " + property)
			.contains("Problem: " + problem)
			.contains("Update your application's configuration")
			.contains(property + ": " + action)
			.doesNotContain(SECRET);
	}

	static Stream<Arguments> urlsWithCredentials() {
		Stream<String> shapes = Stream.of("https://svc-user:pw-one/pw-two@ai.egain.cloud/system/auth/T-U/oauth2/token",
				"https://svc-user:pw-one?pw-two@ai.egain.cloud/system/auth/T-U/oauth2/token",
				"https://svc-user:pw-one#pw-two@ai.egain.cloud/system/auth/T-U/oauth2/token",
				"https://svc-user:pw-one@pw-two@ai.egain.cloud/system/auth/T-U/oauth2/token",
				"https://svc-user:pw-one pw-two@ai.egain.cloud/system/auth/T-U/oauth2/token",
				"https:svc-user:pw-one-pw-two@ai.egain.cloud/system/auth/T-U/oauth2/token",
				"svc-user:pw-one-pw-two@ai.egain.cloud/system/auth/T-U/oauth2/token",
				"http://svc-user:pw-one/pw-two@ai.egain.cloud/system/auth/T-U/oauth2/token");
		return shapes.flatMap((url) -> Stream.of("egain.auth.clients.portal.token-uri",
				"egain.auth.clients.portal.base-url", "egain.auth.api-base-url",
				"egain.auth.clients.portal.allowed-origins")
			.map((property) -> Arguments.of(property, url)));
	}

	@ParameterizedTest(name = "{0}={1}")
	@MethodSource("urlsWithCredentials")
	void credentialsInAUrlAreNeverPrintedWhateverItsShape(String property, String url, CapturedOutput output) {
		List<String> properties = new ArrayList<>(Arrays.asList(VALID));
		properties.removeIf((entry) -> entry.startsWith(property + "="));
		properties.add(property + "=" + url);
		assertThatException().isThrownBy(() -> start(properties.toArray(String[]::new)))
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain("pw-one").doesNotContain("pw-two"));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Property: " + property)
			.contains("***@")
			.doesNotContain("svc-user")
			.doesNotContain("pw-one")
			.doesNotContain("pw-two")
			.doesNotContain(SECRET);
	}

	@Test
	void anonymousCustomerWithoutDerivableTenantIsReported(CapturedOutput output) {
		assertThatException().isThrownBy(() -> start("egain.auth.clients.visitor.type=anonymous-customer",
				"egain.auth.clients.visitor.client-id=id", "egain.auth.clients.visitor.client-secret=" + SECRET,
				"egain.auth.clients.visitor.scopes=core.aiservices.read"));
		assertThat(output).contains("Property: egain.auth.clients.visitor.tenant-id")
			.contains("Problem: is missing: an anonymous-customer client needs the tenant id for the domain_hint")
			.contains("egain.auth.clients.visitor.tenant-id: set it (or egain.auth.tenant-id) to the tenant id")
			.doesNotContain(SECRET);
	}

	@Test
	void invalidApiBaseUrlIsReportedForAnAnonymousCustomerThatTakesItsTokenUriFromIt(CapturedOutput output) {
		assertThatException().isThrownBy(() -> start("egain.auth.api-base-url=api.ai.egain.cloud",
				"egain.auth.clients.visitor.type=anonymous-customer", "egain.auth.clients.visitor.tenant-id=T1",
				"egain.auth.clients.visitor.client-id=id", "egain.auth.clients.visitor.client-secret=" + SECRET,
				"egain.auth.clients.visitor.scopes=core.aiservices.read"));
		assertThat(output).contains("The eGain client configuration is invalid")
			.contains("Property: egain.auth.api-base-url")
			.contains("Problem: is not an absolute http(s) URI")
			.doesNotContain(SECRET);
	}

	@Test
	void unknownTypeIsReportedWithTheValidValues(CapturedOutput output) {
		List<String> properties = new ArrayList<>(Arrays.asList(VALID));
		properties.set(0, "egain.auth.clients.portal.type=client-application");
		assertThatException().isThrownBy(() -> start(properties.toArray(String[]::new)));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Failed to bind properties under 'egain.auth.clients.portal.type'")
			.contains("Value: \"client-application\"")
			.contains("ANONYMOUS_CUSTOMER")
			.contains("CLIENT_APP")
			.doesNotContain(SECRET);
	}

	@Test
	void waitsThatAreNotLongerThanZeroAreReportedTogether(CapturedOutput output) {
		List<String> properties = new ArrayList<>(Arrays.asList(VALID));
		properties.add("egain.auth.token-store.redis.max-wait=0s");
		properties.add("egain.auth.token-endpoint.max-retry-after=-1s");
		assertThatException().isThrownBy(() -> start(properties.toArray(String[]::new)));
		assertThat(output).contains("Property: egain.auth.token-store.redis.max-wait")
			.contains("Problem: is 0s, out of its accepted range 1ms to 1d")
			.contains("egain.auth.token-store.redis.max-wait: set it to a duration from 1ms to 1d, or remove it to use "
					+ "the default 5s")
			.contains("Property: egain.auth.token-endpoint.max-retry-after")
			.contains("Problem: is -1s, out of its accepted range 1ms to 1d")
			.contains("egain.auth.token-endpoint.max-retry-after: set it to a duration from 1ms to 1d, or remove it to "
					+ "use the default 10m");
	}

	@Test
	void everyMistakeIsListedAtOnce(CapturedOutput output) {
		assertThatException().isThrownBy(() -> start("egain.auth.clients.portal.scopes=x",
				"egain.auth.clients.visitor.type=anonymous-customer", "egain.auth.clients.visitor.client-id=id"));
		assertThat(output).contains("Property: egain.auth.clients.portal.client-id")
			.contains("Property: egain.auth.clients.portal.client-secret")
			.contains("Property: egain.auth.clients.portal.token-uri")
			.contains("Property: egain.auth.clients.visitor.client-secret")
			.contains("Property: egain.auth.clients.visitor.scopes");
	}

	@Test
	void noClientsWhileEnabledIsAWarningNotAFailure(CapturedOutput output) {
		try (ConfigurableApplicationContext context = start()) {
			assertThat(context.isActive()).isTrue();
		}
		assertThat(output).contains("no eGain client is configured")
			.contains("add one under egain.auth.clients.<name>, or set egain.auth.enabled=false");
	}

	@Test
	void clientSecretAndClientSecretFileTogetherAreReported(@TempDir Path directory, CapturedOutput output)
			throws IOException {
		Path file = Files.writeString(directory.resolve("client-secret"), SECRET + "\n");
		assertThatException().isThrownBy(() -> start(withProperty("egain.auth.clients.portal.client-secret-file=" + file)));
		assertThat(output).contains("Property: egain.auth.clients.portal.client-secret-file")
			.contains("Problem: is set together with egain.auth.clients.portal.client-secret: the client takes "
					+ "this credential from one of them")
			.contains("egain.auth.clients.portal.client-secret-file: remove one of the two")
			.doesNotContain(SECRET);
	}

	@Test
	void missingClientSecretFileIsReportedWithItsPath(@TempDir Path directory, CapturedOutput output) {
		Path file = directory.resolve("no-such-secret");
		assertThatException().isThrownBy(() -> start(withoutSecret("egain.auth.clients.portal.client-secret-file=" + file)));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Property: egain.auth.clients.portal.client-secret-file")
			.contains("Problem: names a file that does not exist (" + file + ")")
			.contains("egain.auth.clients.portal.client-secret-file: write the credential into " + file);
	}

	@Test
	void emptyClientSecretFileIsReportedWithItsPath(@TempDir Path directory, CapturedOutput output)
			throws IOException {
		Path file = Files.writeString(directory.resolve("client-secret"), " \n");
		assertThatException().isThrownBy(
				() -> start(withoutSecret("egain.auth.clients.portal.client-secret-file=file:" + file)));
		assertThat(output).contains("Property: egain.auth.clients.portal.client-secret-file")
			.contains("Problem: names an empty file (" + file + ")");
	}

	@Test
	void unreadableClientSecretFileIsReportedWithItsPathNeverItsContent(@TempDir Path directory,
			CapturedOutput output) throws IOException {
		// Not UTF-8 text: the content is never shown.
		Path file = Files.write(directory.resolve("client-secret"), new byte[] { 's', 'e', (byte) 0xC3, (byte) 0x28 });
		assertThatException().isThrownBy(() -> start(withoutSecret("egain.auth.clients.portal.client-secret-file=" + file)));
		assertThat(output).contains("Property: egain.auth.clients.portal.client-secret-file")
			.contains("Problem: names a file that cannot be read (" + file + ": MalformedInputException)");
	}

	@Test
	void clientSecretFileStartsTheClientAndItsContentIsNeverPrinted(@TempDir Path directory, CapturedOutput output)
			throws IOException {
		Path file = Files.writeString(directory.resolve("client-secret"), SECRET + "\n");
		try (ConfigurableApplicationContext context = start(
				withoutSecret("egain.auth.clients.portal.client-secret-file=" + file))) {
			assertThat(context.getBean(EgainClientRegistrations.class).get("portal").getRegistration().getClientSecret())
				.isEqualTo(SECRET);
		}
		assertThat(output).doesNotContain(SECRET);
	}

	private static String[] withProperty(String property) {
		List<String> properties = new ArrayList<>(Arrays.asList(VALID));
		properties.add(property);
		return properties.toArray(String[]::new);
	}

	private static String[] withoutSecret(String property) {
		List<String> properties = new ArrayList<>(Arrays.asList(VALID));
		properties.removeIf((entry) -> entry.startsWith("egain.auth.clients.portal.client-secret="));
		properties.add(property);
		return properties.toArray(String[]::new);
	}

	private static ConfigurableApplicationContext start(String... properties) {
		return new SpringApplicationBuilder(Config.class).web(WebApplicationType.NONE)
			.properties(properties)
			.properties("spring.main.banner-mode=off")
			.run();
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ EgainAuthAutoConfiguration.class, EgainWebClientAutoConfiguration.class })
	static class Config {

	}

}
