package com.egain.auth.spring.autoconfigure;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.egain.auth.spring.EgainClientRegistrations;
import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.beans.factory.aot.AotServices;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotProcessor;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.test.tools.CompileWithForkedClassLoader;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * An application processed ahead of time keeps the eGain clients it was built with:
 * another set at run time stops the start-up with a message that says so, while the
 * clients' credentials, URLs and scopes may change.
 */
@CompileWithForkedClassLoader
class EgainClientNamesAotProcessorTests {

	private static final Class<?>[] AUTO_CONFIGURATIONS = { EgainAuthAutoConfiguration.class,
			EgainWebClientAutoConfiguration.class, EgainRestClientAutoConfiguration.class };

	private static final String[] TWO_CLIENTS = EgainAuthAutoConfigurationTests.TWO_CLIENTS;

	@Test
	void clientAddedAtRunTimeStopsTheStartUpNamingBothSets() {
		String[] threeClients = with(TWO_CLIENTS, "egain.auth.clients.agent.token-uri=https://ai.egain.cloud/t",
				"egain.auth.clients.agent.client-id=agent-id", "egain.auth.clients.agent.client-secret=agent-secret",
				"egain.auth.clients.agent.scopes=core.aiservices.read");
		AheadOfTime.process(AUTO_CONFIGURATIONS, TWO_CLIENTS,
				(generated) -> assertThatExceptionOfType(InvalidEgainConfigurationException.class)
					.isThrownBy(() -> generated.initialize(threeClients))
					.withMessageContaining("[portal, visitor, agent] at run time")
					.withMessageContaining("with the clients [portal, visitor]")
					.withMessageContaining("under AOT the eGain clients are fixed when the application is built"));
	}

	@Test
	void clientRemovedAtRunTimeFailsTheCheckNamingBothSets() {
		MockEnvironment portalOnly = new MockEnvironment().withProperty("egain.auth.clients.portal.client-id", "x");
		assertThatExceptionOfType(InvalidEgainConfigurationException.class)
			.isThrownBy(() -> EgainClientNamesAotProcessor.checkClientNames(portalOnly, "portal", "visitor"))
			.withMessageContaining("names the clients [portal] at run time")
			.withMessageContaining("with the clients [portal, visitor]");
	}

	@Test
	void sameClientsInAnotherOrderPassTheCheck() {
		MockEnvironment environment = new MockEnvironment()
			.withProperty("egain.auth.clients.visitor.client-id", "x")
			.withProperty("egain.auth.clients.portal.client-id", "y");
		assertThatNoException()
			.isThrownBy(() -> EgainClientNamesAotProcessor.checkClientNames(environment, "portal", "visitor"));
	}

	@Test
	void failureAnalysisSaysThatClientsAreFixedAtBuildTimeAndWhatMayStillChange() {
		MockEnvironment other = new MockEnvironment().withProperty("egain.auth.clients.other.client-id", "x");
		InvalidEgainConfigurationException failure = catchThrowableOfType(InvalidEgainConfigurationException.class,
				() -> EgainClientNamesAotProcessor.checkClientNames(other, "portal", "visitor"));
		FailureAnalysis analysis = new InvalidEgainConfigurationFailureAnalyzer().analyze(failure);
		assertThat(analysis.getDescription()).contains("Property: egain.auth.clients")
			.contains("names the clients [other] at run time, but the application was processed ahead of time "
					+ "(Spring AOT) with the clients [portal, visitor]");
		assertThat(analysis.getAction()).contains("configure the clients [portal, visitor] (their credentials, "
				+ "URLs and scopes may change at run time), or build the application again with the new clients");
	}

	@Test
	void sameClientsWithOtherCredentialsUrlsAndScopesStartWithTheRunTimeValues() {
		String[] changed = with(TWO_CLIENTS, "egain.auth.api-base-url=https://api.example.test",
				"egain.auth.clients.portal.client-id=other-portal-id",
				"egain.auth.clients.portal.scopes=knowledge.portalmgr.read");
		AheadOfTime.process(AUTO_CONFIGURATIONS, TWO_CLIENTS, (generated) -> {
			try (GenericApplicationContext context = generated.start(changed)) {
				EgainClientRegistrations registrations = context.getBean(EgainClientRegistrations.class);
				assertThat(registrations.names()).containsExactly("portal", "visitor");
				assertThat(registrations.get("portal").getRegistration().getClientId()).isEqualTo("other-portal-id");
				assertThat(registrations.get("portal").getRegistration().getScopes())
					.containsExactly("knowledge.portalmgr.read");
				assertThat(registrations.get("visitor").getBaseUrl()).hasToString("https://api.example.test");
			}
		});
	}

	@Test
	void contributesNothingWhenTheStarterDefinesNoBeans() {
		try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
			context.register(AUTO_CONFIGURATIONS);
			TestPropertyValues.of("egain.auth.enabled=false").applyTo(context);
			context.refreshForAotProcessing(new RuntimeHints());
			assertThat(new EgainClientNamesAotProcessor().processAheadOfTime(context.getBeanFactory())).isNull();
		}
	}

	@Test
	void isRegisteredForSpringAot() {
		assertThat(AotServices.factories().load(BeanFactoryInitializationAotProcessor.class))
			.hasAtLeastOneElementOfType(EgainClientNamesAotProcessor.class);
	}

	private static String[] with(String[] properties, String... more) {
		List<String> all = new ArrayList<>(Arrays.asList(properties));
		all.addAll(Arrays.asList(more));
		return all.toArray(String[]::new);
	}

}
