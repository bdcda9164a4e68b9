package com.egain.auth.spring.http;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.boot.http.client.JdkClientHttpRequestFactoryBuilder;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.web.client.RestClient;

/**
 * The RestClients of token requests, on Spring Boot's HTTP client infrastructure: the
 * {@link ClientHttpRequestFactoryBuilder} it detects (or the application's), with the
 * {@code spring.http.clients.*} settings that make sense for token requests (the SSL
 * bundle), the starter's own time limits, no redirects, the starter's proxy and SSL
 * bundle. One RestClient per SSL bundle, shared by the clients that use it. They carry
 * none of the application's interceptors: the request body holds the client secret.
 *
 * <p>Internal to the starter's auto-configuration.
 */
public final class TokenRequestClients implements Function<String, RestClient> {

	private final ClientHttpRequestFactoryBuilder<?> builder;

	private final HttpClientSettings settings;

	private final EgainConnectionSettings connections;

	private final PerSslBundle<RestClient> restClients;

	/**
	 * Create the RestClients of token requests.
	 * @param builder Spring Boot's request factory builder
	 * @param settings Spring Boot's HTTP client settings ({@code spring.http.clients.*})
	 * @param connections the starter's SSL bundles and proxy
	 * @param connectTimeout the connect timeout of token requests
	 * @param responseTimeout the response time limit of token requests
	 */
	public TokenRequestClients(ClientHttpRequestFactoryBuilder<?> builder, HttpClientSettings settings,
			EgainConnectionSettings connections, Duration connectTimeout, Duration responseTimeout) {
		// HTTP/1.1 as before: no h2c upgrade attempt on a plain-http (loopback) token endpoint.
		ClientHttpRequestFactoryBuilder<?> http11 = (builder instanceof JdkClientHttpRequestFactoryBuilder jdk)
				? jdk.withHttpClientCustomizer((client) -> client.version(HttpClient.Version.HTTP_1_1)) : builder;
		this.builder = ProxiedHttpClientBuilders.requestFactoryBuilder(http11, connections.proxy());
		this.settings = settings.withTimeouts(connectTimeout, responseTimeout).withRedirects(HttpRedirects.DONT_FOLLOW);
		this.connections = connections;
		this.restClients = new PerSslBundle<>(connections, (clientName) -> RestClient.builder()
			.requestFactory(this.builder.build(withBundle(connections.sslBundle(clientName))))
			.build());
	}

	/**
	 * The RestClient of the given client's token requests.
	 * @param clientName the client's name
	 * @return the RestClient
	 */
	@Override
	public RestClient apply(String clientName) {
		return this.restClients.get(clientName);
	}

	private HttpClientSettings withBundle(@Nullable SslBundle bundle) {
		return (bundle != null) ? this.settings.withSslBundle(bundle) : this.settings;
	}

	/**
	 * The proxy a request to the given URI goes through.
	 * @param uri the URI
	 * @return the proxy as {@code host:port}, or {@code null} when there is none
	 */
	public @Nullable String proxyFor(URI uri) {
		EgainProxy proxy = this.connections.proxy();
		return (proxy != null && proxy.appliesTo(uri.getHost())) ? proxy.address() : null;
	}

}
