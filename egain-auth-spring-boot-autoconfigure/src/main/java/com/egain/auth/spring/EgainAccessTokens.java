package com.egain.auth.spring;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.security.oauth2.core.OAuth2AccessToken;

/**
 * The access tokens of the configured eGain clients: where the pre-authorized
 * {@code WebClient}s and {@code RestClient}s get their tokens, and where callers that
 * need the raw token (e.g. to hand an anonymous-customer token to a browser widget) get
 * it too.
 *
 * <p>The starter's implementation, {@code DefaultEgainAccessTokens}, caches one token per
 * client, refreshes it in the background before it expires, keeps at most one token
 * request per client in flight, and remembers failed token requests (see
 * {@link EgainClientAuthorizationException#getNextAttemptAt()}). An application may define
 * its own bean of this type instead: it then implements {@link #get(String)},
 * {@link #invalidate(String, OAuth2AccessToken)}, {@link #peek(String)} and
 * {@link #status(String)}, and may implement {@link #getNow(String)} for the hot path.
 *
 * <p>What an API's {@code 401} leads to is not decided here but by the
 * {@link EgainTokenRejectionHandler}, which uses {@link #peek(String)},
 * {@link #invalidate(String, OAuth2AccessToken)} and {@link #get(String)}.
 */
public interface EgainAccessTokens {

	/**
	 * Return a valid access token of the given client, requesting one only when none is
	 * held.
	 * @param clientName the client's name
	 * @return the token, or an {@link EgainClientAuthorizationException}
	 * @throws IllegalArgumentException if no client has that name
	 */
	Mono<OAuth2AccessToken> get(String clientName);

	/**
	 * Return the token of the given client for immediate use when one is held, without
	 * waiting: the hot path of the pre-authorized clients. Unlike {@link #peek(String)},
	 * this is a use of the token, so an implementation may count it and may start a
	 * background refresh once the token is past its refresh point. The default holds
	 * nothing, so that every request goes through {@link #get(String)}.
	 * @param clientName the client's name
	 * @return the unexpired held token, or {@code null} when the caller has to wait for
	 * {@link #get(String)}
	 * @throws IllegalArgumentException if no client has that name
	 */
	default @Nullable OAuth2AccessToken getNow(String clientName) {
		return null;
	}

	/**
	 * Drop the given token of the given client because an API rejected it, so that the
	 * next {@link #get(String)} returns another one.
	 * @param clientName the client's name
	 * @param rejected the rejected token
	 * @return completion
	 * @throws IllegalArgumentException if no client has that name
	 */
	Mono<Void> invalidate(String clientName, OAuth2AccessToken rejected);

	/**
	 * Look at the token currently held for the given client. Only a look: it requests no
	 * token, starts no refresh and counts nothing.
	 * @param clientName the client's name
	 * @return the unexpired held token, or {@code null}
	 * @throws IllegalArgumentException if no client has that name
	 */
	@Nullable OAuth2AccessToken peek(String clientName);

	/**
	 * Return the expiry of the given client's token and its last token request error,
	 * without requesting a token.
	 * @param clientName the client's name
	 * @return the status
	 * @throws IllegalArgumentException if no client has that name
	 */
	EgainTokenStatus status(String clientName);

}
