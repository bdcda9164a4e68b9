package com.egain.auth.benchmarks;

import java.time.Duration;

import reactor.netty.resources.ConnectionProvider;

import org.springframework.security.oauth2.client.AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.ClientCredentialsReactiveOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.InMemoryReactiveOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.endpoint.WebClientReactiveClientCredentialsTokenResponseClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.reactive.function.client.ServerOAuth2AuthorizedClientExchangeFilterFunction;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Spring Security's stock client-credentials setup, built by hand as its reference
 * documentation shows for a WebClient outside a web request: an
 * {@link AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager} over in-memory
 * registrations and authorized clients, and a
 * {@link ServerOAuth2AuthorizedClientExchangeFilterFunction} with a default registration.
 *
 * <p>Its token response client gets a WebClient on the same kind of pool as the
 * application requests, so that a burst's token requests reach the token endpoint instead
 * of failing on the small default pool, and are counted there.
 */
final class StockTarget implements BenchTarget {

	private final ConnectionProvider pool;

	private final ConnectionProvider tokenPool;

	private final WebClient webClient;

	/**
	 * Create the setup.
	 * @param servers the servers
	 * @param clockSkew the provider's clock skew, or {@code null} for its default (60 s)
	 */
	StockTarget(LocalServers servers, Duration clockSkew) {
		this.pool = ClientPools.pool("stock", servers.maxConnections);
		this.tokenPool = ClientPools.pool("stock-token", servers.maxConnections);
		this.webClient = WebClient.builder()
			.clientConnector(ClientPools.connector(this.pool))
			.baseUrl(servers.resourceServer.baseUrl())
			.filter(filter(servers.tokenEndpoint.tokenUri(), WebClient.builder()
				.clientConnector(ClientPools.connector(this.tokenPool))
				.build(), clockSkew))
			.build();
	}

	/**
	 * Create the stock filter.
	 * @param tokenUri the token endpoint
	 * @param tokenWebClient the WebClient of the token response client
	 * @param clockSkew the provider's clock skew, or {@code null} for its default
	 * @return the filter
	 */
	static ExchangeFilterFunction filter(String tokenUri, WebClient tokenWebClient, Duration clockSkew) {
		ClientRegistration registration = ClientRegistration.withRegistrationId(LocalServers.CLIENT_NAME)
			.clientId(LocalServers.CLIENT_ID)
			.clientSecret(LocalServers.CLIENT_SECRET)
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.scope(LocalServers.SCOPE)
			.tokenUri(tokenUri)
			.build();
		InMemoryReactiveClientRegistrationRepository registrations = new InMemoryReactiveClientRegistrationRepository(
				registration);
		InMemoryReactiveOAuth2AuthorizedClientService authorizedClients = new InMemoryReactiveOAuth2AuthorizedClientService(
				registrations);
		WebClientReactiveClientCredentialsTokenResponseClient tokenResponseClient = new WebClientReactiveClientCredentialsTokenResponseClient();
		tokenResponseClient.setWebClient(tokenWebClient);
		ClientCredentialsReactiveOAuth2AuthorizedClientProvider provider = new ClientCredentialsReactiveOAuth2AuthorizedClientProvider();
		provider.setAccessTokenResponseClient(tokenResponseClient);
		if (clockSkew != null) {
			provider.setClockSkew(clockSkew);
		}
		AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager manager = new AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager(
				registrations, authorizedClients);
		manager.setAuthorizedClientProvider(provider);
		ServerOAuth2AuthorizedClientExchangeFilterFunction filter = new ServerOAuth2AuthorizedClientExchangeFilterFunction(
				manager);
		filter.setDefaultClientRegistrationId(LocalServers.CLIENT_NAME);
		return filter;
	}

	@Override
	public WebClient webClient() {
		return this.webClient;
	}

	@Override
	public void close() {
		this.pool.dispose();
		this.tokenPool.dispose();
	}

}
