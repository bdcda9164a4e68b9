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
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the {@link EgainEmulatorApplicationListener} starts the emulator and makes it a bean,
 * with and without Spring AOT.
 */
class EgainEmulatorApplicationListenerTests {

	private final EgainEmulatorApplicationListener listener = new EgainEmulatorApplicationListener();

	private final SpringApplication application = new SpringApplication();

	private final StandardEnvironment environment = new StandardEnvironment();

	private final GenericApplicationContext context = new GenericApplicationContext();

	@AfterEach
	void stopEmulator() {
		if (this.context.getBeanFactory().containsSingleton(EgainEmulatorApplicationListener.BEAN_NAME)) {
			this.context.getBeanFactory().getBean(EgainEmulator.class).close();
		}
	}

	@Test
	void applicationThatDoesNotOptInGetsNoEmulator() {
		prepareEnvironmentAsItIs();
		prepareContext();
		assertThat(this.context.getBeanFactory().containsSingleton(EgainEmulatorApplicationListener.BEAN_NAME))
			.isFalse();
		assertThat(this.environment.getPropertySources().contains(EgainEmulatorApplicationListener.PROPERTY_SOURCE_NAME))
			.isFalse();
	}

	@Test
	void startedEmulatorIsABeanOfTheContext() {
		prepareEnvironment();
		prepareContext();
		EgainEmulator emulator = this.context.getBeanFactory().getBean(EgainEmulator.class);
		assertThat(emulator.isRunning()).isTrue();
		assertThat(this.environment.getProperty("EGAIN_API_BASE_URL")).isEqualTo(emulator.baseUrl());
	}

	@Test
	void applicationWithTheEmulatorCanBeProcessedAheadOfTime() {
		prepareEnvironment();
		prepareContext();
		new ApplicationContextAotGenerator().processAheadOfTime(this.context, new TestGenerationContext());
		assertThat(this.context.getBean(EgainEmulator.class).isRunning()).isTrue();
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
		assertThat(this.context.getBeanFactory().getBeanNamesForType(EgainEmulator.class)).isEmpty();
	}

	private void prepareEnvironment() {
		this.environment.getPropertySources()
			.addFirst(new MapPropertySource("optIn", Map.of(EgainEmulatorApplicationListener.ENABLED_PROPERTY, "true")));
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
