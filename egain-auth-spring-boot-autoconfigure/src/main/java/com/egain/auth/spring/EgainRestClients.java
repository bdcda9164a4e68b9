package com.egain.auth.spring;

import java.util.function.Function;
import java.util.function.Supplier;


import org.springframework.web.client.RestClient;

/**
 * The pre-authorized {@link RestClient}s of the configured eGain clients, each with its
 * base URL and bearer token interceptor. Each one is also a bean, injectable with
 * {@code @Qualifier("<client name>") RestClient}.
 *
 * <p>Needs no WebFlux.
 */
public class EgainRestClients {

	private final EgainClientRegistrations registrations;

	private final EgainClientHttpRequestInterceptor interceptor;

	private final Function<String, RestClient.Builder> builders;

	private final ClientComponents<RestClient> restClients;

	/**
	 * Create the RestClients.
	 * @param registrations the clients
	 * @param interceptor the bearer token interceptor
	 * @param builders a source of new RestClient builders, typically Spring Boot's
	 * auto-configured {@code RestClient.Builder} so that the application's customizers
	 * and observations apply
	 */
	public EgainRestClients(EgainClientRegistrations registrations, EgainClientHttpRequestInterceptor interceptor,
			Supplier<RestClient.Builder> builders) {
		this(registrations, interceptor, (String clientName) -> builders.get());
	}

	private EgainRestClients(EgainClientRegistrations registrations, EgainClientHttpRequestInterceptor interceptor,
			Function<String, RestClient.Builder> builders) {
		this.registrations = registrations;
		this.interceptor = interceptor;
		this.builders = builders;
		this.restClients = new ClientComponents<>(registrations, (client) -> builder(client.getName()).build());
	}

	/**
	 * Create the RestClients, each from a builder of its own client, for example with the
	 * client's own HTTP connection settings (SSL bundle, proxy).
	 * @param registrations the clients
	 * @param interceptor the bearer token interceptor
	 * @param builders a source of new RestClient builders for the client of the given name,
	 * typically from Spring Boot's auto-configured {@code RestClient.Builder}
	 * @return the RestClients
	 */
	public static EgainRestClients perClient(EgainClientRegistrations registrations,
			EgainClientHttpRequestInterceptor interceptor,
			Function<String, RestClient.Builder> builders) {
		return new EgainRestClients(registrations, interceptor, builders);
	}

	/**
	 * Return the pre-authorized RestClient of the given client.
	 * @param clientName the client's name
	 * @return the RestClient
	 * @throws IllegalArgumentException if no client has that name, naming the known ones
	 */
	public RestClient get(String clientName) {
		return this.restClients.get(clientName);
	}

	/**
	 * Return a new builder of a RestClient for the given client, with its base URL and
	 * bearer token interceptor, for callers who add settings of their own.
	 * @param clientName the client's name
	 * @return a new builder
	 * @throws IllegalArgumentException if no client has that name, naming the known ones
	 */
	public RestClient.Builder builder(String clientName) {
		EgainClient client = this.registrations.get(clientName);
		return this.builders.apply(client.getName())
			.baseUrl(client.getBaseUrl().toString())
			.requestInterceptor(this.interceptor.forClient(client.getName()));
	}

}
