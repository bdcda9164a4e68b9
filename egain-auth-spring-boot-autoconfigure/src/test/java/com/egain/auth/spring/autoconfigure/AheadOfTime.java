package com.egain.auth.spring.autoconfigure;

import java.util.function.Consumer;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.test.generate.TestGenerationContext;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.test.tools.Compiled;
import org.springframework.core.test.tools.TestCompiler;
import org.springframework.javapoet.ClassName;

/**
 * Processes configuration classes ahead of time, as Spring AOT does when an application
 * is built, and compiles the generated code, so that a test can start a new context from
 * it as the application does at run time with {@code -Dspring.aot.enabled=true}: without
 * configuration class parsing, conditions or registrars.
 *
 * <p>Tests that use it need {@code @CompileWithForkedClassLoader}, so that the generated
 * code may reach package-private classes.
 */
final class AheadOfTime {

	private AheadOfTime() {
	}

	/**
	 * Process the given configuration classes with the given build-time properties, and
	 * hand the generated code to the test.
	 * @param configurations the configuration classes, in registration order
	 * @param buildTimeProperties the properties at build time
	 * @param test what to do with the generated code
	 */
	static void process(Class<?>[] configurations, String[] buildTimeProperties, Consumer<Generated> test) {
		TestGenerationContext generationContext = new TestGenerationContext();
		ClassName initializer;
		try (AnnotationConfigApplicationContext buildTime = new AnnotationConfigApplicationContext()) {
			TestPropertyValues.of(buildTimeProperties).applyTo(buildTime);
			buildTime.register(configurations);
			initializer = new ApplicationContextAotGenerator().processAheadOfTime(buildTime, generationContext);
		}
		generationContext.writeGeneratedContent();
		TestCompiler.forSystem()
			.with(generationContext)
			.compile((compiled) -> test
				.accept(new Generated(compiled, initializer.reflectionName(), generationContext.getRuntimeHints())));
	}

	/**
	 * The code generated ahead of time, compiled.
	 *
	 * @param compiled the compiled classes
	 * @param initializerName the name of the generated application context initializer
	 * @param hints the runtime hints registered while processing
	 */
	record Generated(Compiled compiled, String initializerName, RuntimeHints hints) {

		/**
		 * Create a context and apply the generated initializer to it, without refreshing
		 * it: the run-time start-up up to where the initializer runs.
		 * @param runTimeProperties the properties at run time
		 * @return the initialized context
		 */
		GenericApplicationContext initialize(String... runTimeProperties) {
			GenericApplicationContext context = new GenericApplicationContext();
			TestPropertyValues.of(runTimeProperties).applyTo(context);
			initializer().initialize(context);
			return context;
		}

		/**
		 * Start a context from the generated code.
		 * @param runTimeProperties the properties at run time
		 * @return the started context, to close
		 */
		GenericApplicationContext start(String... runTimeProperties) {
			GenericApplicationContext context = initialize(runTimeProperties);
			context.refresh();
			return context;
		}

		@SuppressWarnings("unchecked")
		private ApplicationContextInitializer<GenericApplicationContext> initializer() {
			return this.compiled.getInstance(ApplicationContextInitializer.class, this.initializerName);
		}

	}

}
