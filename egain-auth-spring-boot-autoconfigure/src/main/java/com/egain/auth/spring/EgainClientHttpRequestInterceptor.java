package com.egain.auth.spring;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;


import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

/**
 * A {@link ClientHttpRequestInterceptor} that attaches an eGain client's bearer token, for
 * applications that build their own {@code RestClient}:
 *
 * <pre class="code">
 * RestClient restClient = RestClient.builder().requestInterceptor(egainInterceptor.forClient("portal")).build();
 * </pre>
 *
 * Used as an interceptor itself, it serves the client named by the request attribute
 * {@link #clientName(String)}, or the only client when exactly one is configured. The
 * same token cache serves the WebClients: one token request per client however many
 * kinds of client use it.
 *
 * <p>The token goes only to the client's base-url origin and its allowed origins, and
 * over plain {@code http} only to a loopback address. After a {@code 401} the request is
 * sent once more with the token the {@link EgainTokenRejectionHandler} gives (by default a
 * new one). Add it last, after interceptors that change the request. Needs no WebFlux.
 */
public final class EgainClientHttpRequestInterceptor implements ClientHttpRequestInterceptor {

	private static final String CLIENT_NAME_ATTRIBUTE = EgainClientHttpRequestInterceptor.class.getName()
			+ ".CLIENT_NAME";

	private static final Duration DEFAULT_REJECTED_TOKEN_COOLDOWN = Duration.ofSeconds(30);

	private final ClientComponents<ClientHttpRequestInterceptor> interceptors;

	/**
	 * Create the interceptor of the given clients, without metrics.
	 * @param registrations the clients
	 * @param tokens where their tokens come from
	 */
	public EgainClientHttpRequestInterceptor(EgainClientRegistrations registrations, EgainAccessTokens tokens) {
		this(registrations, tokens, EgainAuthMetrics.NONE);
	}

	/**
	 * Create the interceptor of the given clients, with the starter's
	 * {@link RenewingEgainTokenRejectionHandler} (a 30 s cool-down).
	 * @param registrations the clients
	 * @param tokens where their tokens come from
	 * @param metrics the metrics of their requests
	 */
	public EgainClientHttpRequestInterceptor(EgainClientRegistrations registrations, EgainAccessTokens tokens,
			EgainAuthMetrics metrics) {
		this(registrations, tokens, metrics,
				new RenewingEgainTokenRejectionHandler(tokens, metrics, DEFAULT_REJECTED_TOKEN_COOLDOWN));
	}

	/**
	 * Create the interceptor of the given clients, with the given answer to a {@code 401}.
	 * @param registrations the clients
	 * @param tokens where their tokens come from
	 * @param metrics the metrics of their requests
	 * @param rejections what an API's {@code 401} to a request with a token leads to
	 */
	public EgainClientHttpRequestInterceptor(EgainClientRegistrations registrations, EgainAccessTokens tokens,
			EgainAuthMetrics metrics, EgainTokenRejectionHandler rejections) {
		this.interceptors = new ClientComponents<>(registrations,
				(client) -> new BearerTokenRequestInterceptor(new BearerTokenPolicy(client, tokens, metrics, rejections)));
	}

	/**
	 * Return the interceptor of the given client.
	 * @param clientName the client's name
	 * @return the interceptor
	 * @throws IllegalArgumentException if no client has that name
	 */
	public ClientHttpRequestInterceptor forClient(String clientName) {
		return this.interceptors.get(clientName);
	}

	/**
	 * Return a request attributes modifier that names the client whose token this
	 * interceptor attaches: {@code restClient.get().attributes(clientName("portal"))}.
	 * @param clientName the client's name
	 * @return the attributes modifier
	 */
	public static Consumer<Map<String, Object>> clientName(String clientName) {
		return (attributes) -> attributes.put(CLIENT_NAME_ATTRIBUTE, clientName);
	}

	@Override
	public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
			throws IOException {
		ClientHttpRequestInterceptor interceptor = this.interceptors.forRequest(
				request.getAttributes().get(CLIENT_NAME_ATTRIBUTE), request.getMethod(), request.getURI(),
				"EgainClientHttpRequestInterceptor.clientName(...)");
		return (interceptor != null) ? interceptor.intercept(request, body, execution)
				: execution.execute(request, body);
	}

}
