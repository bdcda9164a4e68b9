package com.egain.auth.spring.emulator;

import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.aot.test.generate.TestGenerationContext;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.bootstrap.DefaultBootstrapContext;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.context.aot.AbstractAotProcessor;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the {@link EgainEmulatorApplicationListener} starts the emulator (only with the
 * {@code emulator} profile, and never when a client has credentials from any source), and
 * how it makes it a bean, with and without Spring AOT.
 */
class EgainEmulatorApplicationListenerTests {

	private final EgainEmulatorApplicationListener listener = new EgainEmulatorApplicationListener();

	private final SpringApplication application = new SpringApplication();

	private final StandardEnvironment environment = new StandardEnvironment();

	private final GenericApplicationContext context = new GenericApplicationContext();

	@AfterEach
	void stopEmulator() {
		if (this.context.getBeanFactory().containsSingleton(EgainEmulatorApplicationListener.BEAN_NAME)) {
			this.context.getBeanFactory().getBean(EmulatedEgainServer.class).close();
		}
	}

	@Test
	void applicationThatDoesNotOptInGetsNoEmulator() {
		prepareEnvironmentAsItIs();
		prepareContext();
		assertNoEmulator();
	}

	@Test
	void packagedOptInPropertyWithoutTheProfileStartsNoEmulator() {
		this.environment.getPropertySources()
			.addFirst(new MapPropertySource("applicationYml",
					Map.of(EgainEmulatorApplicationListener.ENABLED_PROPERTY, "true")));
		prepareEnvironmentAsItIs();
		prepareContext();
		assertNoEmulator();
	}

	@Test
	void emulatorProfileStartsTheEmulator() {
		prepareEnvironment();
		prepareContext();
		assertThat(this.context.getBeanFactory().getBean(EmulatedEgainServer.class).isRunning()).isTrue();
	}

	@Test
	void emulatorProfileStartsTheEmulatorWhenTheCredentialPlaceholdersResolveToBlank() {
		this.environment.getPropertySources()
			.addFirst(new MapPropertySource("applicationYml",
					Map.of("egain.auth.clients.portal.client-id", "${EGAIN_UNSET_FOR_THIS_TEST:}",
							"egain.auth.clients.portal.client-secret", "  ")));
		prepareEnvironment();
		prepareContext();
		assertThat(this.context.getBeanFactory().getBean(EmulatedEgainServer.class).isRunning()).isTrue();
	}

	@Test
	void emulatorProfileStartsNoEmulatorWhenAClientIdIsAProperty() {
		withCredentials(new MapPropertySource("applicationYml",
				Map.of("egain.auth.clients.visitor.type", "anonymous-customer", "egain.auth.clients.portal.client-id",
						"real-id")));
	}

	@Test
	void emulatorProfileStartsNoEmulatorWhenOnlyAClientSecretIsSet() {
		withCredentials(new MapPropertySource("configImport",
				Map.of("egain.auth.clients.portal.client-secret", "real-secret")));
	}

	@Test
	void emulatorProfileStartsNoEmulatorWhenAClientIsConfiguredThroughEnvironmentVariables() {
		withEnvironmentVariable("EGAIN_AUTH_CLIENTS_PORTAL_CLIENTID", "real-id");
	}

	@Test
	void emulatorProfileStartsNoEmulatorWhenAnEnvironmentVariableHasTheLegacyUnderscoredName() {
		withEnvironmentVariable("EGAIN_AUTH_CLIENTS_PORTAL_CLIENT_SECRET", "real-secret");
	}

	@Test
	void emulatorProfileStartsNoEmulatorWhenAPlaceholderResolvesToACredential() {
		withCredentials(new MapPropertySource("applicationYml",
				Map.of("egain.auth.clients.portal.client-id", "${SOME_CLIENT_ID:}", "SOME_CLIENT_ID", "real-id")));
	}

	@Test
	void emulatorProfileStartsNoEmulatorWhenTheTestKitTurnsItOff() {
		this.environment.getPropertySources()
			.addFirst(new MapPropertySource("testKit", Map.of(EgainEmulatorApplicationListener.ENABLED_PROPERTY, "false")));
		prepareEnvironment();
		prepareContext();
		assertNoEmulator();
	}

	private void withEnvironmentVariable(String name, String value) {
		// In place of this JVM's environment variables, as the application would see them.
		this.environment.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
					StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of(name, value)));
		prepareEnvironment();
		prepareContext();
		assertNoEmulator();
	}

	private void withCredentials(PropertySource<?> source) {
		this.environment.getPropertySources().addFirst(source);
		prepareEnvironment();
		prepareContext();
		assertNoEmulator();
	}

	private void assertNoEmulator() {
		assertThat(this.context.getBeanFactory().containsSingleton(EgainEmulatorApplicationListener.BEAN_NAME))
			.isFalse();
		assertThat(this.environment.getPropertySources().contains(EgainEmulatorApplicationListener.PROPERTY_SOURCE_NAME))
			.isFalse();
	}

	@Test
	void startedEmulatorIsABeanOfTheContext() {
		prepareEnvironment();
		prepareContext();
		EmulatedEgainServer emulator = this.context.getBeanFactory().getBean(EmulatedEgainServer.class);
		assertThat(emulator.isRunning()).isTrue();
		assertThat(this.environment.getProperty("EGAIN_API_BASE_URL")).isEqualTo(emulator.baseUrl());
	}

	@Test
	void applicationWithTheEmulatorCanBeProcessedAheadOfTime() {
		prepareEnvironment();
		prepareContext();
		new ApplicationContextAotGenerator().processAheadOfTime(this.context, new TestGenerationContext());
		assertThat(this.context.getBean(EmulatedEgainServer.class).isRunning()).isTrue();
	}

	@Test
	void startsNoEmulatorWhileTheApplicationIsProcessedAheadOfTime() {
		System.setProperty(AbstractAotProcessor.AOT_PROCESSING, "true");
		try {
			prepareEnvironment();
		}
		finally {
			System.clearProperty(AbstractAotProcessor.AOT_PROCESSING);
		}
		prepareContext();
		assertThat(this.environment.getPropertySources()
			.contains(EgainEmulatorApplicationListener.PROPERTY_SOURCE_NAME)).isFalse();
		assertThat(this.context.getBeanFactory().getBeanNamesForType(EmulatedEgainServer.class)).isEmpty();
	}

	private void prepareEnvironment() {
		this.environment.addActiveProfile(EgainEmulatorApplicationListener.PROFILE);
		prepareEnvironmentAsItIs();
	}

	private void prepareEnvironmentAsItIs() {
		this.listener.onApplicationEvent(new ApplicationEnvironmentPreparedEvent(new DefaultBootstrapContext(),
				this.application, new String[0], this.environment));
	}

	private void prepareContext() {
		this.context.setEnvironment(this.environment);
		this.listener.onApplicationEvent(new ApplicationPreparedEvent(this.application, new String[0], this.context));
	}

}
