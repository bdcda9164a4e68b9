package com.egain.auth.spring.autoconfigure.web;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import com.egain.auth.spring.EgainClientRegistrations;
import com.egain.auth.spring.autoconfigure.EgainAuthAutoConfiguration;
import com.egain.auth.spring.autoconfigure.InvalidEgainConfigurationException;
import com.egain.auth.spring.autoconfigure.web.client.EgainRestClientAutoConfiguration;
import com.egain.auth.spring.autoconfigure.web.reactive.EgainWebClientAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.aot.generate.GeneratedMethods;
import org.springframework.aot.generate.MethodReference;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.test.generate.TestGenerationContext;
import org.springframework.beans.factory.aot.AotServices;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotContribution;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotProcessor;
import org.springframework.beans.factory.aot.BeanFactoryInitializationCode;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader.FailureHandler;
import org.springframework.core.test.tools.CompileWithForkedClassLoader;
import org.springframework.core.test.tools.TestCompiler;
import org.springframework.javapoet.ClassName;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.util.ReflectionUtils;
import org.springframework.util.function.ThrowingConsumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * An application processed ahead of time keeps the eGain clients it was built with:
 * another set at run time stops the start-up with a message that says so, while the
 * clients' credentials, URLs and scopes may change.
 */
class EgainClientNamesAotProcessorTests {

	private static final Class<?>[] AUTO_CONFIGURATIONS = { EgainAuthAutoConfiguration.class,
			EgainWebClientAutoConfiguration.class, EgainRestClientAutoConfiguration.class };

	@Test
	@CompileWithForkedClassLoader
	void generatedInitializerRejectsOtherClientsThanThoseOfTheBuild() {
		compileContribution(twoClients(), (check) -> {
			ConfigurableEnvironment threeClients = environment("egain.auth.clients.portal.client-id=portal-id",
					"egain.auth.clients.visitor.client-id=visitor-id", "egain.auth.clients.agent.client-id=agent-id");
			assertThatExceptionOfType(InvocationTargetException.class).isThrownBy(() -> check.invoke(null, threeClients))
				.havingCause()
				.isInstanceOf(InvalidEgainConfigurationException.class)
				.withMessageContaining("names the clients [portal, visitor, agent] at run time")
				.withMessageContaining("with the clients [portal, visitor]")
				.withMessageContaining("under AOT the eGain clients are fixed when the application is built");
		});
	}

	@Test
	@CompileWithForkedClassLoader
	void generatedInitializerAcceptsTheClientsOfTheBuildWithOtherSettings() {
		compileContribution(twoClients(), (check) -> {
			ConfigurableEnvironment otherSettings = environment("egain.auth.clients.portal.client-secret=rotated",
					"egain.auth.clients.visitor.base-url=https://api.example.test");
			assertThatNoException().isThrownBy(() -> check.invoke(null, otherSettings));
		});
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
		// The starter's analyzer, as Spring Boot finds it.
		FailureAnalysis analysis = SpringFactoriesLoader.forDefaultResourceLocation()
			.load(FailureAnalyzer.class, FailureHandler.handleMessage((message, ex) -> {
			}))
			.stream()
			.map((analyzer) -> analyzer.analyze(failure))
			.filter(Objects::nonNull)
			.findFirst()
			.orElseThrow();
		assertThat(analysis.getDescription()).contains("Property: egain.auth.clients")
			.contains("names the clients [other] at run time, but the application was processed ahead of time "
					+ "(Spring AOT) with the clients [portal, visitor]");
		assertThat(analysis.getAction()).contains("configure the clients [portal, visitor] (their credentials, "
				+ "URLs and scopes may change at run time), or build the application again with the new clients");
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

	/**
	 * Apply the processor's contribution for a build-time bean factory of the starter with
	 * the given environment, compile the generated code, and hand the initializer method
	 * it adds to the application context initializer to the test.
	 */
	private static void compileContribution(Environment buildTime, ThrowingConsumer<Method> test) {
		DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();
		beanFactory.registerBeanDefinition("egainClientRegistrations",
				new RootBeanDefinition(EgainClientRegistrations.class));
		beanFactory.registerSingleton(ConfigurableApplicationContext.ENVIRONMENT_BEAN_NAME, buildTime);
		BeanFactoryInitializationAotContribution contribution = new EgainClientNamesAotProcessor()
			.processAheadOfTime(beanFactory);
		TestGenerationContext generationContext = new TestGenerationContext();
		List<MethodReference> initializers = new ArrayList<>();
		contribution.applyTo(generationContext, new InitializationCode(initializers));
		generationContext.writeGeneratedContent();
		assertThat(initializers).singleElement()
			.satisfies((initializer) -> assertThat(initializer.toCodeBlock()).hasToString(
					"com.egain.auth.spring.autoconfigure.web.EgainClientNamesAotProcessor__EgainClientNames::checkClientNames"));
		TestCompiler.forSystem().with(generationContext).compile((compiled) -> {
			Class<?> generated = compiled.getAllCompiledClasses().get(0);
			test.accept(ReflectionUtils.findMethod(generated, "checkClientNames", Environment.class));
		});
	}

	private static ConfigurableEnvironment twoClients() {
		return environment("egain.auth.clients.portal.client-id=portal-id",
				"egain.auth.clients.visitor.client-id=visitor-id");
	}

	private static ConfigurableEnvironment environment(String... properties) {
		StandardEnvironment environment = new StandardEnvironment();
		TestPropertyValues.of(properties).applyTo(environment);
		return environment;
	}

	/**
	 * The initialization code of the generated application context initializer, reduced
	 * to the initializer methods added to it.
	 */
	private record InitializationCode(List<MethodReference> initializers) implements BeanFactoryInitializationCode {

		@Override
		public GeneratedMethods getMethods() {
			throw new UnsupportedOperationException("The contribution adds no method to the initializer");
		}

		@Override
		public ClassName getClassName() {
			throw new UnsupportedOperationException("The contribution needs no initializer class name");
		}

		@Override
		public void addInitializer(MethodReference methodReference) {
			this.initializers.add(methodReference);
		}

	}

}
