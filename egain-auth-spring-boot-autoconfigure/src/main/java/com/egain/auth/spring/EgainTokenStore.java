package com.egain.auth.spring;

import reactor.core.publisher.Mono;

import org.springframework.security.oauth2.core.OAuth2AccessToken;

/**
 * Where tokens are kept between requests, per client name. {@link EgainAccessTokens}
 * keeps the current token of each client in memory for its hot path and consults the
 * store only when it has no usable token, so a shared store (e.g. Redis) lets several
 * instances of an application share one token per client.
 *
 * <p>The default, {@link InMemoryEgainTokenStore}, keeps tokens in this JVM.
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

}
