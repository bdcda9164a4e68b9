package com.egain.auth.spring.emulator;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.aot.AbstractAotProcessor;
import org.springframework.context.event.SmartApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * In an application that opts in with {@code egain.emulator.enabled=true} (the samples
 * do), starts an {@link EgainEmulator} when {@code EGAIN_CLIENT_ID} is not set, and sets
 * the {@code EGAIN_*} properties that {@code application.yml} reads so that the starter
 * talks to it. Having this module on the classpath starts nothing by itself; tests use the
 * test kit's {@code @AutoConfigureEgainEmulator} instead. The emulator is a singleton of the application context, stopped when the context
 * closes (after the web server), or when the application fails to start.
 *
 * <p>Registered in this module's {@code META-INF/spring.factories}, so an application
 * gets it by having the module on its classpath: it must run before the context exists,
 * once the configuration files have been read.
 *
 * <p>Under Spring AOT this listener runs twice: when the application is processed at
 * build time, and when it runs. At build time it starts no emulator: nothing would call
 * it, and the generated code must not depend on its port or credentials. When the
 * application runs, the listener starts the emulator and sets the {@code EGAIN_*}
 * properties as it does without AOT; the starter reads them then. The emulator is
 * registered as a singleton, not as a bean definition, so that AOT never has an
 * instance of it to write as code.
 */
class EgainEmulatorApplicationListener implements SmartApplicationListener {

	static final String BEAN_NAME = "egainEmulator";

	static final String PROPERTY_SOURCE_NAME = "egainEmulator";

	/**
	 * The property by which an application opts in.
	 */
	static final String ENABLED_PROPERTY = "egain.emulator.enabled";

	private static final Log logger = LogFactory.getLog(EgainEmulatorApplicationListener.class);

	private EgainEmulator emulator;

	@Override
	public boolean supportsEventType(Class<? extends ApplicationEvent> eventType) {
		return ApplicationEnvironmentPreparedEvent.class.isAssignableFrom(eventType)
				|| ApplicationPreparedEvent.class.isAssignableFrom(eventType)
				|| ApplicationFailedEvent.class.isAssignableFrom(eventType);
	}

	@Override
	public void onApplicationEvent(ApplicationEvent event) {
		if (event instanceof ApplicationEnvironmentPreparedEvent prepared) {
			onEnvironmentPrepared(prepared.getEnvironment());
		}
		else if (event instanceof ApplicationPreparedEvent prepared && this.emulator != null) {
			register(prepared.getApplicationContext().getBeanFactory());
		}
		else if (event instanceof ApplicationFailedEvent && this.emulator != null) {
			this.emulator.close();
		}
	}

	private void onEnvironmentPrepared(ConfigurableEnvironment environment) {
		if (!environment.getProperty(ENABLED_PROPERTY, Boolean.class, false)) {
			return;
		}
		if (StringUtils.hasText(environment.getProperty("EGAIN_CLIENT_ID"))) {
			logger.info("EGAIN_CLIENT_ID is set: calling eGain, not the built-in eGain emulator");
			return;
		}
		if (Boolean.getBoolean(AbstractAotProcessor.AOT_PROCESSING)) {
			logger.info("Processing the application ahead of time: the built-in eGain emulator starts "
					+ "when the application runs, not now");
			return;
		}
		EgainEmulator emulator = new EgainEmulator().start();
		this.emulator = emulator;
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("EGAIN_API_BASE_URL", emulator.baseUrl());
		properties.put("EGAIN_TOKEN_URI", emulator.clientAppTokenUri());
		properties.put("EGAIN_TENANT_ID", EgainEmulator.TENANT_ID);
		properties.put("EGAIN_CLIENT_ID", emulator.portalClient().clientId());
		properties.put("EGAIN_CLIENT_SECRET", emulator.portalClient().clientSecret());
		properties.put("EGAIN_VISITOR_CLIENT_ID", emulator.visitorClient().clientId());
		properties.put("EGAIN_VISITOR_CLIENT_SECRET", emulator.visitorClient().clientSecret());
		environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE_NAME, properties));
		logger.warn(String.format("%n"
				+ "================================================================================%n"
				+ " eGain EMULATOR MODE: EGAIN_CLIENT_ID is not set, so this application calls a%n"
				+ " built-in eGain emulator at %s (tenant %s), not eGain.%n"
				+ " Its tokens and data are made up; it stops with the application.%n"
				+ " To call a real eGain tenant, set EGAIN_CLIENT_ID, EGAIN_CLIENT_SECRET,%n"
				+ " EGAIN_TOKEN_URI and EGAIN_TENANT_ID (and EGAIN_VISITOR_CLIENT_ID and%n"
				+ " EGAIN_VISITOR_CLIENT_SECRET if the anonymous-customer client app is another one).%n"
				+ "================================================================================",
				emulator.baseUrl(), EgainEmulator.TENANT_ID));
	}

	/**
	 * Register the emulator as a singleton that the bean factory closes when the context
	 * closes: after the web server has stopped, as the context destroys its beans after
	 * stopping its lifecycle beans.
	 * @param beanFactory the bean factory of the application context
	 */
	private void register(ConfigurableListableBeanFactory beanFactory) {
		EgainEmulator emulator = this.emulator;
		beanFactory.registerSingleton(BEAN_NAME, emulator);
		if (beanFactory instanceof DefaultSingletonBeanRegistry registry) {
			registry.registerDisposableBean(BEAN_NAME, emulator::close);
		}
	}

}
