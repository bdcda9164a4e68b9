package com.egain.auth.spring.autoconfigure.web;

import java.util.LinkedHashSet;
import java.util.Set;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * The names of the configured eGain clients, read from the environment before any bean
 * exists: the keys under {@value #PROPERTY}, in configuration order. The per-client
 * {@code egainWebClient.<name>} and {@code egainRestClient.<name>} bean definitions are
 * registered from them (under Spring AOT, at build time), so they are read where the
 * {@link com.egain.auth.spring.EgainClientRegistrations} bean takes its clients from.
 */
final class EgainClientNames {

	/**
	 * The property under which the clients are configured, one key per client.
	 */
	static final String PROPERTY = "egain.auth.clients";

	private EgainClientNames() {
	}

	/**
	 * Return the names of the clients configured in the given environment.
	 * @param environment the environment
	 * @return the client names, empty if none is configured
	 * @throws RuntimeException if the clients cannot be bound (the properties binding
	 * reports the mistake with its own failure analysis)
	 */
	static Set<String> bind(Environment environment) {
		return Binder.get(environment)
			.bind(PROPERTY, Bindable.mapOf(String.class, Object.class))
			.map((clients) -> new LinkedHashSet<>(clients.keySet()))
			.orElseGet(LinkedHashSet::new);
	}

}
