package com.egain.auth.spring;

import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * One component per configured eGain client (a filter, an interceptor, a pre-authorized
 * client), looked up by client name, in one way for both HTTP stacks: an unknown name
 * fails naming the configured clients, and a request that names no client is served by
 * the only client when exactly one is configured.
 *
 * <p>Internal to the starter.
 *
 * @param <T> the type of the components
 */
final class ClientComponents<T> {

	private static final Log logger = LogFactory.getLog(ClientComponents.class);

	private final EgainClientRegistrations registrations;

	private final Map<String, T> components;

	/**
	 * Create the components of the given clients.
	 * @param registrations the clients
	 * @param factory creates the component of a client
	 */
	public ClientComponents(EgainClientRegistrations registrations, Function<EgainClient, T> factory) {
		this.registrations = registrations;
		Map<String, T> components = new LinkedHashMap<>();
		for (EgainClient client : registrations) {
			components.put(client.getName(), factory.apply(client));
		}
		this.components = Collections.unmodifiableMap(components);
	}

	/**
	 * Return the component of the given client.
	 * @param clientName the client's name
	 * @return the component
	 * @throws IllegalArgumentException if no client has that name, naming the configured
	 * ones
	 */
	public T get(String clientName) {
		T component = this.components.get(clientName);
		if (component == null) {
			throw this.registrations.unknownClient(clientName);
		}
		return component;
	}

	/**
	 * Return the component for a request that names the given client, or names none.
	 * @param clientName the client the request names, or {@code null}
	 * @param method the request's method, for the log line
	 * @param url the request's URL, for the log line
	 * @param howToName how a request names its client, for the log line
	 * @return the named client's component; the only client's when none is named and
	 * exactly one is configured; else {@code null}, when the request goes without a token
	 * @throws IllegalArgumentException if no client has the given name
	 */
	public @Nullable T forRequest(@Nullable Object clientName, Object method, URI url, String howToName) {
		if (clientName != null) {
			return get(clientName.toString());
		}
		if (this.components.size() == 1) {
			return this.components.values().iterator().next();
		}
		logger.debug("No eGain client named for " + method + " " + url.getRawPath() + "; sending it without a token (use "
				+ howToName + ")");
		return null;
	}

}
