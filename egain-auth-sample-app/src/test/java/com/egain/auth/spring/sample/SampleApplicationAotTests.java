package com.egain.auth.spring.sample;

import java.util.List;

import com.egain.auth.spring.EgainWebClients;
import com.egain.auth.spring.autoconfigure.InvalidEgainConfigurationException;
import com.egain.auth.spring.emulator.EmulatedEgainServer;
import com.egain.auth.spring.emulator.EmulatedEgainServer.ApiCall;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.aot.AotDetector;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.AnnotationConfigRegistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The sample processed ahead of time by the build ({@code spring-boot:process-aot}) and
 * started from the generated code, as {@code java -Dspring.aot.enabled=true} starts it:
 * its qualified WebClients call the eGain emulator started at run time by the
 * {@code emulator} profile, which the build did not have. Run by failsafe, which sets
 * {@code spring.aot.enabled}.
 */
@ExtendWith(OutputCaptureExtension.class)
class SampleApplicationAotTests {

	private static RunningSample sample;

	private static EmulatedEgainServer emulator;

	@BeforeAll
	static void start() {
		sample = RunningSample.withEmulator();
		emulator = sample.context().getBean(EmulatedEgainServer.class);
	}

	@AfterAll
	static void stop() {
		sample.close();
	}

	@Test
	void startsFromTheCodeGeneratedAheadOfTime() {
		assertThat(AotDetector.useGeneratedArtifacts()).isTrue();
		// Without AOT, Spring Boot creates a context that parses configuration classes.
		assertThat(sample.context()).isNotInstanceOf(AnnotationConfigRegistry.class);
	}

	@Test
	void portalWebClientCallsTheEmulatorWithATokenIssuedToThePortalClient() {
		int before = emulator.apiCalls().size();
		sample.client()
			.get()
			.uri("/articles?q={q}", "password reset")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.articles[0].name")
			.isEqualTo("Getting started with password reset");
		assertThat(callsSince(before))
			.containsExactly(new ApiCall(EmulatedEgainServer.ARTICLE_SEARCH_PATH, emulator.portalClient().clientId()));
	}

	@Test
	void visitorWebClientCallsTheEmulatorWithATokenIssuedToTheVisitorClient() {
		int before = emulator.apiCalls().size();
		sample.client()
			.get()
			.uri("/agents/support-bot")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.agentId")
			.isEqualTo("support-bot");
		assertThat(callsSince(before)).containsExactly(
				new ApiCall(EmulatedEgainServer.AGENT_DETAILS_PATH + "support-bot", emulator.visitorClient().clientId()));
	}

	@Test
	void qualifiedWebClientBeansAreThoseOfEgainWebClients() {
		EgainWebClients webClients = sample.context().getBean(EgainWebClients.class);
		assertThat(sample.context().getBean("egainWebClient.portal")).isSameAs(webClients.get("portal"));
		assertThat(sample.context().getBean("egainWebClient.visitor")).isSameAs(webClients.get("visitor"));
	}

	@Test
	void clientAddedAtRunTimeStopsTheStartUpSayingThatClientsAreFixedAtBuildTime(CapturedOutput output) {
		assertThatExceptionOfType(InvalidEgainConfigurationException.class)
			.isThrownBy(() -> RunningSample.withEmulator("--egain.auth.clients.agent.client-id=agent"));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Property: egain.auth.clients")
			.contains("names the clients [agent, portal, visitor] at run time, but the application was processed "
					+ "ahead of time (Spring AOT) with the clients [portal, visitor]");
	}

	private static List<ApiCall> callsSince(int before) {
		List<ApiCall> calls = emulator.apiCalls();
		return calls.subList(before, calls.size());
	}

}
