package com.egain.auth.spring.http;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;


/**
 * One HTTP client component (request factory, connector, RestClient) per SSL bundle the
 * starter's properties name, shared by the eGain clients that use it, so that they share
 * connections.

 *
 * @param <T> the type of the components
 */
public final class PerSslBundle<T> {

	private static final String DEFAULT_BUNDLE = "";

	private final EgainConnectionSettings connections;

	private final Function<String, T> factory;

	private final Map<String, T> components = new ConcurrentHashMap<>();

	/**
	 * Create the components.
	 * @param connections the starter's SSL bundles
	 * @param factory makes the component of the client of the given name
	 */
	public PerSslBundle(EgainConnectionSettings connections, Function<String, T> factory) {
		this.connections = connections;
		this.factory = factory;
	}

	/**
	 * The component of the given client, made by the first client of its SSL bundle.
	 * @param clientName the client's name
	 * @return the component
	 */
	public T get(String clientName) {
		String bundleName = this.connections.sslBundleName(clientName);
		return this.components.computeIfAbsent((bundleName != null) ? bundleName : DEFAULT_BUNDLE,
				(key) -> this.factory.apply(clientName));
	}

}
