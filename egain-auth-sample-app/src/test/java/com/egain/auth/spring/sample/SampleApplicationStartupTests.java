package com.egain.auth.spring.sample;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import com.egain.auth.spring.EgainAccessTokens;
import com.egain.auth.spring.EgainClientRegistrations;
import com.egain.auth.spring.autoconfigure.InvalidEgainConfigurationException;
import com.egain.auth.spring.emulator.EmulatedEgainServer;
import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * How the sample chooses between the eGain emulator (only with the {@code emulator}
 * profile, and no credentials) and eGain, and what it logs.
 */
@ExtendWith(OutputCaptureExtension.class)
class SampleApplicationStartupTests {

	@Test
	void logsThatTheEmulatorIsInUseAndHowToCallARealTenant(CapturedOutput output) {
		try (RunningSample sample = RunningSample.withEmulator()) {
			EmulatedEgainServer emulator = sample.context().getBean(EmulatedEgainServer.class);
			assertThat(output).contains("eGain EMULATOR MODE: the emulator profile is active and no eGain client has")
				.contains("built-in eGain emulator at%n %s (tenant".formatted(emulator.baseUrl()))
				.contains("start it without the emulator profile and set")
				.contains("EGAIN_CLIENT_ID, EGAIN_CLIENT_SECRET, EGAIN_TOKEN_URI and EGAIN_TENANT_ID");
		}
	}

	@Test
	void pointsTheStarterAtTheEmulator() {
		try (RunningSample sample = RunningSample.withEmulator()) {
			EmulatedEgainServer emulator = sample.context().getBean(EmulatedEgainServer.class);
			EgainClientRegistrations registrations = sample.context().getBean(EgainClientRegistrations.class);
			assertThat(registrations.findByRegistrationId("portal").getProviderDetails().getTokenUri())
				.isEqualTo(emulator.clientAppTokenUri());
			assertThat(registrations.findByRegistrationId("visitor").getProviderDetails().getTokenUri())
				.isEqualTo(emulator.baseUrl() + EmulatedEgainServer.ANONYMOUS_TOKEN_PATH);
			assertThat(registrations.get("visitor").getTenantId()).isEqualTo(EmulatedEgainServer.TENANT_ID);
			assertThat(registrations.get("portal").getBaseUrl()).hasToString(emulator.baseUrl());
		}
	}

	@Test
	void stopsTheEmulatorWhenTheApplicationStops() {
		EmulatedEgainServer emulator;
		int port;
		try (RunningSample sample = RunningSample.withEmulator()) {
			emulator = sample.context().getBean(EmulatedEgainServer.class);
			port = emulator.port();
			assertThat(emulator.isRunning()).isTrue();
		}
		assertThat(emulator.isRunning()).isFalse();
		assertThatExceptionOfType(ConnectException.class).isThrownBy(() -> connect(port));
	}

	@Test
	void withoutTheEmulatorProfileAndWithoutCredentialsTheStartUpFailsNamingTheMissingProperties(
			CapturedOutput output) {
		assertThatException().isThrownBy(RunningSample::start)
			.withRootCauseInstanceOf(InvalidEgainConfigurationException.class);
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Property: egain.auth.clients.portal.client-id")
			.contains("Property: egain.auth.clients.portal.client-secret")
			.contains("Property: egain.auth.clients.portal.token-uri")
			.doesNotContain("EMULATOR MODE");
	}

	@Test
	void emulatorProfileStartsNoEmulatorWhenEgainClientIdIsSet(CapturedOutput output) {
		String tokenUri = "https://127.0.0.1:9/system/auth/TMREAL01-U/oauth2/token";
		try (RunningSample sample = RunningSample.withEmulator("--EGAIN_CLIENT_ID=real-client",
				"--EGAIN_CLIENT_SECRET=real-secret", "--EGAIN_TOKEN_URI=" + tokenUri, "--EGAIN_TENANT_ID=TMREAL01")) {
			assertThat(sample.context().getBeansOfType(EmulatedEgainServer.class)).isEmpty();
			EgainClientRegistrations registrations = sample.context().getBean(EgainClientRegistrations.class);
			assertThat(registrations.findByRegistrationId("portal").getProviderDetails().getTokenUri())
				.isEqualTo(tokenUri);
			assertThat(registrations.findByRegistrationId("visitor").getClientId()).isEqualTo("real-client");
			assertThat(registrations.findByRegistrationId("visitor").getProviderDetails().getTokenUri())
				.isEqualTo("https://api.ai.egain.cloud/core/authmgr/v3/oauth2/v2.0/anonymous/token");
			assertThat(registrations.get("visitor").getTenantId()).isEqualTo("TMREAL01");
			assertThat(output).doesNotContain("EMULATOR MODE");
		}
	}

	@Test
	void logsNeitherClientSecretsNorTokens(CapturedOutput output) {
		String[] secrets;
		try (RunningSample sample = RunningSample.withEmulator("--logging.level.com.egain.auth=TRACE")) {
			sample.client().get().uri("/articles?q=printer").exchange().expectStatus().isOk();
			sample.client().get().uri("/agents/support-bot").exchange().expectStatus().isOk();
			byte[] json = sample.client()
				.get()
				.uri("/widget-token")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.returnResult()
				.getResponseBodyContent();
			EmulatedEgainServer emulator = sample.context().getBean(EmulatedEgainServer.class);
			EgainAccessTokens tokens = sample.context().getBean(EgainAccessTokens.class);
			secrets = new String[] { emulator.portalClient().clientSecret(), emulator.visitorClient().clientSecret(),
					tokens.peek("portal").getTokenValue(), tokens.peek("visitor").getTokenValue(),
					JsonPath.read(new String(json, StandardCharsets.UTF_8), "$.access_token") };
		}
		assertThat(output).contains("eGain client 'portal' holds a token");
		for (String secret : secrets) {
			assertThat(output).doesNotContain(secret);
		}
	}

	private static void connect(int port) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			// connected: the emulator still runs
		}
	}

}
