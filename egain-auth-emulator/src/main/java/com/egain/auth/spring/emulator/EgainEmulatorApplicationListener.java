package com.egain.auth.spring.emulator;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.event.SmartApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Starts an {@link EgainEmulator} when {@code EGAIN_CLIENT_ID} is not set, and sets the
 * {@code EGAIN_*} properties that {@code application.yml} reads so that the starter talks
 * to it. The emulator is a bean of the application context, stopped when the context
 * closes (after the web server), or when the application fails to start.
 *
 * <p>Registered in this module's {@code META-INF/spring.factories}, so an application
 * gets it by having the module on its classpath: it must run before the context exists,
 * once the configuration files have been read.
 */
class EgainEmulatorApplicationListener implements SmartApplicationListener {

	static final String BEAN_NAME = "egainEmulator";

	static final String PROPERTY_SOURCE_NAME = "egainEmulator";

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
			// A bean definition rather than a registered singleton: the context closes an
			// AutoCloseable bean when it shuts down, after the web server has stopped.
			RootBeanDefinition definition = new RootBeanDefinition(EgainEmulator.class, () -> this.emulator);
			definition.setLazyInit(false);
			((BeanDefinitionRegistry) prepared.getApplicationContext()).registerBeanDefinition(BEAN_NAME, definition);
		}
		else if (event instanceof ApplicationFailedEvent && this.emulator != null) {
			this.emulator.close();
		}
	}

	private void onEnvironmentPrepared(ConfigurableEnvironment environment) {
		if (StringUtils.hasText(environment.getProperty("EGAIN_CLIENT_ID"))) {
			logger.info("EGAIN_CLIENT_ID is set: calling eGain, not the built-in eGain emulator");
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

}
