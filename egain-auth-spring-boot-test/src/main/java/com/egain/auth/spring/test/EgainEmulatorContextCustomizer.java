package com.egain.auth.spring.test;

import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.egain.auth.spring.EgainClientType;
import com.egain.auth.spring.emulator.DemoClient;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.util.StringUtils;

/**
 * Starts an emulator for one test context, points every configured eGain client at it
 * through a property source of the highest precedence, registers the
 * {@link EgainEmulator} bean, and stops the emulator when the context closes.
 */
class EgainEmulatorContextCustomizer implements ContextCustomizer {

	static final String PROPERTY_SOURCE_NAME = "egainTestEmulator";

	static final String BEAN_NAME = "egainEmulator";

	private static final String CLIENTS = "egain.auth.clients";

	@Override
	public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
		com.egain.auth.spring.emulator.EmulatedEgainServer server = com.egain.auth.spring.emulator.EmulatedEgainServer
			.withoutClients(Clock.systemUTC())
			.start();
		context.addApplicationListener((event) -> {
			if (event instanceof ContextClosedEvent closed && closed.getApplicationContext() == context) {
				server.close();
			}
		});
		ConfigurableEnvironment environment = context.getEnvironment();
		environment.getPropertySources()
			.addFirst(new MapPropertySource(PROPERTY_SOURCE_NAME, emulatedProperties(environment, server.baseUrl())));
		context.getBeanFactory().registerSingleton(BEAN_NAME, new EgainEmulator(server));
		context.getBeanFactory().addBeanPostProcessor(new EmulatedClientsPostProcessor(server));
	}

	private static Map<String, Object> emulatedProperties(ConfigurableEnvironment environment, String baseUrl) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("egain.auth.api-base-url", baseUrl);
		for (String name : clientNames(environment)) {
			String prefix = CLIENTS + "." + name + ".";
			properties.put(prefix + "base-url", baseUrl);
			String tokenUri = valueOrNull(environment, prefix + "token-uri");
			EgainClientType type = clientType(valueOrNull(environment, prefix + "type"));
			if (type.hasDefaultTokenUri()) {
				// Its default token URI is under egain.auth.api-base-url, the emulator's.
				if (tokenUri != null) {
					properties.put(prefix + "token-uri", type.defaultTokenUri(URI.create(baseUrl)));
				}
			}
			else {
				properties.put(prefix + "token-uri", baseUrl + clientAppTokenPath(tokenUri));
			}
			if (valueOrNull(environment, prefix + "client-id") == null) {
				properties.put(prefix + "client-id", "emulated-" + name);
			}
			if (valueOrNull(environment, prefix + "client-secret") == null) {
				properties.put(prefix + "client-secret", DemoClient.generateSecret());
			}
		}
		return properties;
	}

	private static Set<String> clientNames(ConfigurableEnvironment environment) {
		return Binder.get(environment)
			.bind(CLIENTS, Bindable.mapOf(String.class, Object.class))
			.map(Map::keySet)
			.orElse(Set.of());
	}

	/**
	 * The path of a client app's Token URL, which names its tenant; the emulator's own
	 * when none is configured or it cannot be read.
	 */
	private static String clientAppTokenPath(String tokenUri) {
		try {
			String path = (tokenUri != null) ? URI.create(tokenUri.trim()).getRawPath() : null;
			return StringUtils.hasText(path) ? path
					: com.egain.auth.spring.emulator.EmulatedEgainServer.CLIENT_APP_TOKEN_PATH;
		}
		catch (IllegalArgumentException ex) {
			return com.egain.auth.spring.emulator.EmulatedEgainServer.CLIENT_APP_TOKEN_PATH;
		}
	}

	/**
	 * The client type a {@code type} property names, as Spring binds it; a client app
	 * when it is not set or names no type (the binding then fails with a clear message).
	 */
	private static EgainClientType clientType(String type) {
		if (type == null) {
			return EgainClientType.CLIENT_APP;
		}
		try {
			return EgainClientType.valueOf(type.trim().replace('-', '_').toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			return EgainClientType.CLIENT_APP;
		}
	}

	/**
	 * The value of a property, or {@code null} when it is not set, blank, or holds a
	 * placeholder nothing defines.
	 */
	private static String valueOrNull(ConfigurableEnvironment environment, String name) {
		try {
			String value = environment.getProperty(name);
			return (StringUtils.hasText(value) && !value.contains("${")) ? value : null;
		}
		catch (IllegalArgumentException unresolvable) {
			return null;
		}
	}

	@Override
	public boolean equals(Object other) {
		return other != null && other.getClass() == getClass();
	}

	@Override
	public int hashCode() {
		return getClass().hashCode();
	}

}
