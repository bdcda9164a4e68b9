package com.egain.auth.spring;

import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

import reactor.core.publisher.Mono;

import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;

/**
 * An {@link ExchangeFilterFunction} that attaches an eGain client's bearer token, for
 * applications that build their own {@code WebClient}:
 *
 * <pre class="code">
 * WebClient webClient = WebClient.builder().filter(egainFilter.forClient("portal")).build();
 * </pre>
 *
 * Used as a filter itself, it serves the client named by the request attribute
 * {@link #clientName(String)}, or the only client when exactly one is configured.
 *
 * <p>The token goes only to the client's base-url origin and its allowed origins, and
 * over plain {@code http} only to a loopback address. After a {@code 401}, a request
 * without a body is sent once more with the token the {@link EgainTokenRejectionHandler}
 * gives (by default a new one); a request with a body is not sent again, but by default
 * the next request carries a new token.
 *
 * <p>Needs WebFlux; {@link EgainClientHttpRequestInterceptor} is its counterpart for
 * {@code RestClient}.
 */
public final class EgainExchangeFilterFunction implements ExchangeFilterFunction {

	private static final String CLIENT_NAME_ATTRIBUTE = EgainExchangeFilterFunction.class.getName() + ".CLIENT_NAME";

	private static final Duration DEFAULT_REJECTED_TOKEN_COOLDOWN = Duration.ofSeconds(30);

	private final ClientComponents<ExchangeFilterFunction> filters;

	/**
	 * Create the filter of the given clients, without metrics.
	 * @param registrations the clients
	 * @param tokens where their tokens come from
	 */
	public EgainExchangeFilterFunction(EgainClientRegistrations registrations, EgainAccessTokens tokens) {
		this(registrations, tokens, EgainAuthMetrics.NONE);
	}

	/**
	 * Create the filter of the given clients, with the starter's
	 * {@link RenewingEgainTokenRejectionHandler} (a 30 s cool-down).
	 * @param registrations the clients
	 * @param tokens where their tokens come from
	 * @param metrics the metrics of their requests
	 */
	public EgainExchangeFilterFunction(EgainClientRegistrations registrations, EgainAccessTokens tokens,
			EgainAuthMetrics metrics) {
		this(registrations, tokens, metrics,
				new RenewingEgainTokenRejectionHandler(tokens, metrics, DEFAULT_REJECTED_TOKEN_COOLDOWN));
	}

	/**
	 * Create the filter of the given clients, with the given answer to a {@code 401}.
	 * @param registrations the clients
	 * @param tokens where their tokens come from
	 * @param metrics the metrics of their requests
	 * @param rejections what an API's {@code 401} to a request with a token leads to
	 */
	public EgainExchangeFilterFunction(EgainClientRegistrations registrations, EgainAccessTokens tokens,
			EgainAuthMetrics metrics, EgainTokenRejectionHandler rejections) {
		this.filters = new ClientComponents<>(registrations,
				(client) -> new BearerTokenExchangeFilter(new BearerTokenPolicy(client, tokens, metrics, rejections)));
	}

	/**
	 * Return the filter of the given client.
	 * @param clientName the client's name
	 * @return the filter
	 * @throws IllegalArgumentException if no client has that name
	 */
	public ExchangeFilterFunction forClient(String clientName) {
		return this.filters.get(clientName);
	}

	/**
	 * Return a request attributes modifier that names the client whose token this filter
	 * attaches: {@code webClient.get().attributes(clientName("portal"))}.
	 * @param clientName the client's name
	 * @return the attributes modifier
	 */
	public static Consumer<Map<String, Object>> clientName(String clientName) {
		return (attributes) -> attributes.put(CLIENT_NAME_ATTRIBUTE, clientName);
	}

	@Override
	public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
		ExchangeFilterFunction filter = this.filters.forRequest(request.attribute(CLIENT_NAME_ATTRIBUTE).orElse(null),
				request.method(), request.url(), "EgainExchangeFilterFunction.clientName(...)");
		return (filter != null) ? filter.filter(request, next) : next.exchange(request);
	}

}
