package com.egain.auth.spring;

import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.springframework.security.oauth2.client.registration.ClientRegistration;

/**
 * The starter's own registry of eGain clients, each with its {@link ClientRegistration}.
 * Across the starter, a <em>client</em> is one entry under {@code egain.auth.clients}
 * ({@link EgainClient}, named by its key), and its <em>registration</em> is the Spring
 * Security {@link ClientRegistration} it holds; this class, named after Spring Security's
 * registration repositories, holds the clients.
 *
 * <p>Deliberately not a {@code ReactiveClientRegistrationRepository} or
 * {@code ClientRegistrationRepository}: a bean of those types would make Spring Boot
 * switch on OAuth2 login for the application's own endpoints, and would clash with the
 * application's own {@code spring.security.oauth2.client.*} registrations.
 */
public final class EgainClientRegistrations implements Iterable<EgainClient> {

	private final Map<String, EgainClient> clients;

	/**
	 * Create the registry of the given clients.
	 * @param clients the clients
	 * @throws IllegalArgumentException if two clients have the same name
	 */
	public EgainClientRegistrations(Collection<EgainClient> clients) {
		Map<String, EgainClient> byName = new LinkedHashMap<>();
		for (EgainClient client : clients) {
			if (byName.putIfAbsent(client.getName(), client) != null) {
				throw new IllegalArgumentException("Duplicate eGain client name '" + client.getName() + "'");
			}
		}
		this.clients = Collections.unmodifiableMap(byName);
	}

	/**
	 * Return the client of the given name.
	 * @param clientName the client's name, a key under {@code egain.auth.clients}
	 * @return the client
	 * @throws IllegalArgumentException if no client has that name
	 */
	public EgainClient get(String clientName) {
		EgainClient client = this.clients.get(clientName);
		if (client == null) {
			throw unknownClient(clientName);
		}
		return client;
	}

	/**
	 * Return the error for a client name that is not one of these clients.
	 * @param clientName the unknown name
	 * @return the error, naming the configured clients
	 */
	public IllegalArgumentException unknownClient(String clientName) {
		return new IllegalArgumentException("No eGain client named '" + clientName + "'; configured clients: "
				+ this.clients.keySet() + " (set them under egain.auth.clients)");
	}

	/**
	 * Return the registration of the client of the given name.
	 * @param clientName the client's name
	 * @return the registration
	 * @throws IllegalArgumentException if no client has that name
	 */
	public ClientRegistration findByRegistrationId(String clientName) {
		return get(clientName).getRegistration();
	}

	/**
	 * Return the names of all clients, in configuration order.
	 * @return the names
	 */
	public Set<String> names() {
		return this.clients.keySet();
	}

	@Override
	public Iterator<EgainClient> iterator() {
		return this.clients.values().iterator();
	}

	@Override
	public String toString() {
		return "EgainClientRegistrations" + this.clients.values();
	}

}
