package com.egain.auth.spring.autoconfigure;

import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.beans.factory.aot.AotServices;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter's runtime hints for native images.
 */
class EgainAuthRuntimeHintsTests {

	private final RuntimeHints hints = new RuntimeHints();

	@Test
	void propertiesCanBeBoundByReflection() {
		new EgainAuthRuntimeHints().registerHints(this.hints, getClass().getClassLoader());
		assertThat(RuntimeHintsPredicates.reflection().onType(EgainAuthProperties.class)).accepts(this.hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(EgainAuthProperties.class, "setApiBaseUrl"))
			.accepts(this.hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(EgainAuthProperties.class, "getClients"))
			.accepts(this.hints);
	}

	@Test
	void nestedPropertiesCanBeBoundByReflection() {
		new EgainAuthRuntimeHints().registerHints(this.hints, getClass().getClassLoader());
		assertThat(RuntimeHintsPredicates.reflection()
			.onMethodInvocation(EgainAuthProperties.Client.class, "setClientSecret")).accepts(this.hints);
		assertThat(RuntimeHintsPredicates.reflection()
			.onMethodInvocation(EgainAuthProperties.TokenEndpoint.class, "setMaxAttempts")).accepts(this.hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(EgainAuthProperties.Health.class,
				"setActiveCheck")).accepts(this.hints);
	}

	@Test
	void isRegisteredForSpringAot() {
		assertThat(AotServices.factories().load(RuntimeHintsRegistrar.class))
			.hasAtLeastOneElementOfType(EgainAuthRuntimeHints.class);
	}

}
