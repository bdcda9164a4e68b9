package com.egain.auth.spring;

import java.util.function.Function;
import java.util.function.Supplier;


import org.springframework.web.reactive.function.client.WebClient;

/**
 * The pre-authorized {@link WebClient}s of the configured eGain clients, each with its
 * base URL and bearer token filter. Each one is also a bean, injectable with
 * {@code @Qualifier("<client name>") WebClient}.
 *
 * <p>Needs WebFlux; {@link EgainRestClients} is its counterpart for {@code RestClient}.
 */
public class EgainWebClients {

	private final EgainClientRegistrations registrations;

	private final EgainExchangeFilterFunction filter;

	private final Function<String, WebClient.Builder> builders;

	private final ClientComponents<WebClient> webClients;

	/**
	 * Create the WebClients.
	 * @param registrations the clients
	 * @param filter the bearer token filter
	 * @param builders a source of new WebClient builders, typically Spring Boot's
	 * auto-configured {@code WebClient.Builder} so that the application's customizers apply
	 */
	public EgainWebClients(EgainClientRegistrations registrations, EgainExchangeFilterFunction filter,
			Supplier<WebClient.Builder> builders) {
		this(registrations, filter, (String clientName) -> builders.get());
	}

	private EgainWebClients(EgainClientRegistrations registrations, EgainExchangeFilterFunction filter,
			Function<String, WebClient.Builder> builders) {
		this.registrations = registrations;
		this.filter = filter;
		this.builders = builders;
		this.webClients = new ClientComponents<>(registrations, (client) -> builder(client.getName()).build());
	}

	/**
	 * Create the WebClients, each from a builder of its own client, for example with the
	 * client's own HTTP connection settings (SSL bundle, proxy).
	 * @param registrations the clients
	 * @param filter the bearer token filter
	 * @param builders a source of new WebClient builders for the client of the given name,
	 * typically from Spring Boot's auto-configured {@code WebClient.Builder}
	 * @return the WebClients
	 */
	public static EgainWebClients perClient(EgainClientRegistrations registrations, EgainExchangeFilterFunction filter,
			Function<String, WebClient.Builder> builders) {
		return new EgainWebClients(registrations, filter, builders);
	}

	/**
	 * Return the pre-authorized WebClient of the given client.
	 * @param clientName the client's name
	 * @return the WebClient
	 * @throws IllegalArgumentException if no client has that name, naming the known ones
	 */
	public WebClient get(String clientName) {
		return this.webClients.get(clientName);
	}

	/**
	 * Return a new builder of a WebClient for the given client, with its base URL and
	 * bearer token filter, for callers who add settings of their own.
	 * @param clientName the client's name
	 * @return a new builder
	 * @throws IllegalArgumentException if no client has that name, naming the known ones
	 */
	public WebClient.Builder builder(String clientName) {
		EgainClient client = this.registrations.get(clientName);
		return this.builders.apply(client.getName())
			.baseUrl(client.getBaseUrl().toString())
			.filter(this.filter.forClient(client.getName()));
	}

}
