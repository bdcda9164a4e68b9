package com.egain.auth.spring;

import java.util.Map;
import java.util.function.Predicate;

import reactor.core.publisher.Mono;

import org.springframework.security.oauth2.core.OAuth2AccessToken;

/**
 * Where tokens are kept between requests, per client name. The starter's
 * {@link EgainAccessTokens} implementation ({@code DefaultEgainAccessTokens}) keeps the
 * current token of each client in memory for its hot path and consults the
 * store only when it has no usable token, so a shared store (e.g. Redis) lets several
 * instances of an application share one token per client.
 *
 * <p>The default, {@code InMemoryEgainTokenStore}, keeps tokens in this JVM.
 * {@code RedisEgainTokenStore} shares them through Redis, with at most one token request
 * per client in flight across all instances.
 */
public interface EgainTokenStore {

	/**
	 * Return the stored token of the given client.
	 * @param clientName the client's name
	 * @return the token, or empty when none is stored
	 */
	Mono<OAuth2AccessToken> load(String clientName);

	/**
	 * Store a freshly obtained token of the given client, replacing the one stored.
	 * @param clientName the client's name
	 * @param token the token
	 * @return completion
	 */
	Mono<Void> save(String clientName, OAuth2AccessToken token);

	/**
	 * Remove the given token of the given client, if it is the one stored (the API
	 * rejected it).
	 * @param clientName the client's name
	 * @param token the token to remove
	 * @return completion
	 */
	Mono<Void> remove(String clientName, OAuth2AccessToken token);

	/**
	 * Obtain a new token of the given client when none is stored that the caller may take:
	 * by default, run the token request and {@link #save(String, OAuth2AccessToken) save}
	 * its token. A store shared by several instances may instead wait for the token another
	 * instance is requesting, so that one token request serves them all.
	 * @param clientName the client's name
	 * @param acceptable which stored token the caller may take instead of its own request
	 * (unexpired, not rejected by an API, not the one it already holds)
	 * @param tokenRequest the token request of this instance, run at most once
	 * @return the new token, or the token request's error
	 */
	default Mono<OAuth2AccessToken> obtain(String clientName, Predicate<OAuth2AccessToken> acceptable,
			Mono<OAuth2AccessToken> tokenRequest) {
		return tokenRequest.flatMap((token) -> save(clientName, token).thenReturn(token));
	}

	/**
	 * Details of the store's state for the {@code egainAuth} health contributor, e.g.
	 * whether a shared store answers. They never change the health status.
	 * @return the details, empty when there is nothing to report
	 */
	default Map<String, Object> healthDetails() {
		return Map.of();
	}

}
