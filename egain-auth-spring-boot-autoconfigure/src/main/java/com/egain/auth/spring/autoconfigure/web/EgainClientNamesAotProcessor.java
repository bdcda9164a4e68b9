package com.egain.auth.spring.autoconfigure.web;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Modifier;

import com.egain.auth.spring.EgainClientRegistrations;
import com.egain.auth.spring.autoconfigure.InvalidEgainConfigurationException;
import com.egain.auth.spring.autoconfigure.InvalidEgainConfigurationException.Problem;
import org.jspecify.annotations.Nullable;

import org.springframework.aot.generate.GeneratedClass;
import org.springframework.aot.generate.GeneratedMethod;
import org.springframework.aot.generate.GenerationContext;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotContribution;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotProcessor;
import org.springframework.beans.factory.aot.BeanFactoryInitializationCode;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.javapoet.CodeBlock;

/**
 * Makes an application processed ahead of time check, when it starts, that it is
 * configured with the eGain clients it was built with.
 *
 * <p>Spring AOT fixes the bean definitions at build time: there is one
 * {@code egainWebClient.<name>} and {@code egainRestClient.<name>} bean per client named
 * under {@code egain.auth.clients} then. A client added at run time would have no beans,
 * and a client removed at run time would leave beans that cannot be created. So the
 * generated code checks the client names first, and start-up fails with an
 * {@link InvalidEgainConfigurationException} naming both sets when they differ. The
 * clients' credentials, URLs and scopes are read at run time as usual.
 */
class EgainClientNamesAotProcessor implements BeanFactoryInitializationAotProcessor {

	@Override
	public @Nullable BeanFactoryInitializationAotContribution processAheadOfTime(ConfigurableListableBeanFactory beanFactory) {
		if (beanFactory.getBeanNamesForType(EgainClientRegistrations.class, true, false).length == 0) {
			return null;
		}
		Environment environment = beanFactory.getBean(ConfigurableApplicationContext.ENVIRONMENT_BEAN_NAME,
				Environment.class);
		Set<String> clientNames;
		try {
			clientNames = EgainClientNames.bind(environment);
		}
		catch (RuntimeException ex) {
			// No client beans were registered either: the binding reports the mistake.
			return null;
		}
		return new Contribution(clientNames);
	}

	/**
	 * Check that the eGain clients configured at run time are the ones the application
	 * was built with.
	 * @param environment the run-time environment
	 * @param buildTimeClientNames the names of the clients at build time
	 * @throws InvalidEgainConfigurationException if they differ
	 */
	static void checkClientNames(Environment environment, String... buildTimeClientNames) {
		Set<String> runTime;
		try {
			runTime = EgainClientNames.bind(environment);
		}
		catch (RuntimeException ex) {
			// The properties binding reports the mistake with its own failure analysis.
			return;
		}
		Set<String> buildTime = new LinkedHashSet<>(Arrays.asList(buildTimeClientNames));
		if (!runTime.equals(buildTime)) {
			throw new InvalidEgainConfigurationException(List.of(new Problem(
					EgainClientNames.PROPERTY,
					"names the clients " + runTime + " at run time, but the application was processed ahead of "
							+ "time (Spring AOT) with the clients " + buildTime
							+ ": under AOT the eGain clients are fixed when the application is built",
					"configure the clients " + buildTime + " (their credentials, URLs and scopes may change at run "
							+ "time), or build the application again with the new clients")));
		}
	}

	/**
	 * Adds a call of {@link EgainClientNamesAotProcessor#checkClientNames} with the
	 * build-time client names to the generated application context initializer.
	 */
	private static final class Contribution implements BeanFactoryInitializationAotContribution {

		private final Set<String> clientNames;

		private Contribution(Set<String> clientNames) {
			this.clientNames = clientNames;
		}

		@Override
		public void applyTo(GenerationContext generationContext,
				BeanFactoryInitializationCode beanFactoryInitializationCode) {
			GeneratedClass generatedClass = generationContext.getGeneratedClasses()
				.addForFeatureComponent("EgainClientNames", EgainClientNamesAotProcessor.class,
						(type) -> type.addJavadoc("The eGain clients this application was built with.")
							.addModifiers(Modifier.PUBLIC));
			GeneratedMethod method = generatedClass.getMethods()
				.add("checkClientNames", (builder) -> builder
					.addJavadoc("Check that the eGain clients configured at run time are the ones of the build.")
					.addModifiers(Modifier.PUBLIC, Modifier.STATIC)
					.addParameter(Environment.class, "environment")
					.addStatement("$T.checkClientNames(environment$L)", EgainClientNamesAotProcessor.class,
							names()));
			beanFactoryInitializationCode.addInitializer(method.toMethodReference());
		}

		private CodeBlock names() {
			CodeBlock.Builder names = CodeBlock.builder();
			for (String clientName : this.clientNames) {
				names.add(", $S", clientName);
			}
			return names.build();
		}

	}

}
