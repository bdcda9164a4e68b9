package com.egain.auth.spring.emulator;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.aot.AbstractAotProcessor;
import org.springframework.context.event.SmartApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Starts an {@link EmulatedEgainServer} when the command that starts the application asks for
 * it, with the Spring profile {@value #PROFILE} (e.g.
 * {@code --spring.profiles.active=emulator}), and no eGain client has credentials; then
 * sets the {@code EGAIN_*} properties that the samples' {@code application.yml} reads, so
 * that the starter talks to it. Having this module on the classpath starts nothing by
 * itself, and no packaged default does: without the profile the application starts as any
 * other, and without credentials it fails naming the missing property.
 *
 * <p>The emulator never starts when any {@code egain.auth.clients.<name>.client-id} or
 * {@code client-secret} has a value, from whatever source (properties, the
 * {@code EGAIN_AUTH_CLIENTS_*} environment variables, config imports, placeholders), as
 * the starter would bind it: a profile left on by mistake never hides a real
 * configuration. {@code egain.emulator.enabled=false} keeps it off even with the profile;
 * the test kit's {@code @AutoConfigureEgainEmulator} sets it and starts an emulator of its
 * own. The emulator is a singleton of the application context, stopped when the context
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
 * properties as it does without AOT; the starter reads them then. The profile is read
 * then too (this listener is no bean, so AOT fixes nothing about it): the same build runs
 * with or without the emulator. The emulator is
 * registered as a singleton, not as a bean definition, so that AOT never has an
 * instance of it to write as code.
 */
class EgainEmulatorApplicationListener implements SmartApplicationListener {

	static final String BEAN_NAME = "egainEmulator";

	static final String PROPERTY_SOURCE_NAME = "egainEmulator";

	/**
	 * The profile that asks for the emulator.
	 */
	static final String PROFILE = "emulator";

	/**
	 * The property that keeps the emulator off even with the profile, when false.
	 */
	static final String ENABLED_PROPERTY = "egain.emulator.enabled";

	private static final String CLIENTS = "egain.auth.clients";

	private static final Log logger = LogFactory.getLog(EgainEmulatorApplicationListener.class);

	private EmulatedEgainServer emulator;

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
		if (!environment.matchesProfiles(PROFILE)) {
			if (environment.getProperty(ENABLED_PROPERTY, Boolean.class, false)) {
				logger.info(ENABLED_PROPERTY + " alone no longer starts the built-in eGain emulator: activate the "
						+ PROFILE + " profile in the command that starts the application (--spring.profiles.active="
						+ PROFILE + ")");
			}
			return;
		}
		if (!environment.getProperty(ENABLED_PROPERTY, Boolean.class, true)) {
			return;
		}
		Set<String> withCredentials = clientsWithCredentials(environment);
		if (!withCredentials.isEmpty()) {
			logger.warn("The " + PROFILE + " profile is active, but the eGain clients " + withCredentials
					+ " have credentials: calling eGain, not the built-in eGain emulator");
			return;
		}
		if (Boolean.getBoolean(AbstractAotProcessor.AOT_PROCESSING)) {
			logger.info("Processing the application ahead of time: the built-in eGain emulator starts "
					+ "when the application runs, not now");
			return;
		}
		EmulatedEgainServer emulator = new EmulatedEgainServer().start();
		this.emulator = emulator;
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("EGAIN_API_BASE_URL", emulator.baseUrl());
		properties.put("EGAIN_TOKEN_URI", emulator.clientAppTokenUri());
		properties.put("EGAIN_TENANT_ID", EmulatedEgainServer.TENANT_ID);
		properties.put("EGAIN_CLIENT_ID", emulator.portalClient().clientId());
		properties.put("EGAIN_CLIENT_SECRET", emulator.portalClient().clientSecret());
		properties.put("EGAIN_VISITOR_CLIENT_ID", emulator.visitorClient().clientId());
		properties.put("EGAIN_VISITOR_CLIENT_SECRET", emulator.visitorClient().clientSecret());
		environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE_NAME, properties));
		logger.warn(String.format("%n"
				+ "================================================================================%n"
				+ " eGain EMULATOR MODE: the emulator profile is active and no eGain client has%n"
				+ " credentials, so this application calls a built-in eGain emulator at%n"
				+ " %s (tenant %s), not eGain.%n"
				+ " Its tokens and data are made up; it stops with the application.%n"
				+ " To call a real eGain tenant, start it without the emulator profile and set%n"
				+ " EGAIN_CLIENT_ID, EGAIN_CLIENT_SECRET, EGAIN_TOKEN_URI and EGAIN_TENANT_ID (and%n"
				+ " EGAIN_VISITOR_CLIENT_ID and EGAIN_VISITOR_CLIENT_SECRET if the anonymous-customer%n"
				+ " client app is another one).%n"
				+ "================================================================================",
				emulator.baseUrl(), EmulatedEgainServer.TENANT_ID));
	}

	/**
	 * The names of the eGain clients whose client id or client secret has a value, bound
	 * as the starter binds them: from any property source (relaxed names, so also
	 * {@code EGAIN_AUTH_CLIENTS_<NAME>_CLIENTID}), placeholders resolved. Binds strings
	 * only, so that it needs no reflection in a native image.
	 */
	private static Set<String> clientsWithCredentials(ConfigurableEnvironment environment) {
		ConfigurationPropertyName root = ConfigurationPropertyName.of(CLIENTS);
		Set<ConfigurationPropertyName> clients = new LinkedHashSet<>();
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
			if (source instanceof IterableConfigurationPropertySource iterable) {
				iterable.filter(root::isAncestorOf)
					.forEach((name) -> clients.add(name.chop(root.getNumberOfElements() + 1)));
			}
		}
		Binder binder = Binder.get(environment);
		Set<String> names = new TreeSet<>();
		for (ConfigurationPropertyName client : clients) {
			if (hasText(binder, client.append("client-id")) || hasText(binder, client.append("client-secret"))) {
				names.add(client.getLastElement(ConfigurationPropertyName.Form.ORIGINAL));
			}
		}
		return names;
	}

	private static boolean hasText(Binder binder, ConfigurationPropertyName name) {
		try {
			return StringUtils.hasText(binder.bind(name, Bindable.of(String.class)).orElse(null));
		}
		catch (BindException ex) {
			// A value that does not bind is still a value: no emulator in its place.
			return true;
		}
	}

	/**
	 * Register the emulator as a singleton that the bean factory closes when the context
	 * closes: after the web server has stopped, as the context destroys its beans after
	 * stopping its lifecycle beans.
	 * @param beanFactory the bean factory of the application context
	 */
	private void register(ConfigurableListableBeanFactory beanFactory) {
		EmulatedEgainServer emulator = this.emulator;
		beanFactory.registerSingleton(BEAN_NAME, emulator);
		if (beanFactory instanceof DefaultSingletonBeanRegistry registry) {
			registry.registerDisposableBean(BEAN_NAME, emulator::close);
		}
	}

}
