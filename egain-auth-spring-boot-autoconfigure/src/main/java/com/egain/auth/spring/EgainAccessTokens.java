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
 * {@link #status(String)}; the other methods have defaults that work with those.
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
	 * After an API answered {@code 401} to a request that carried the given token: return
	 * the token to send the request once more with, or empty when the {@code 401} is to
	 * be returned as it is. The default drops the token and gets another one; the
	 * starter's implementation renews each rejected token once, however many requests it
	 * was rejected on, and stops renewing for a cool-down when a renewed token is
	 * rejected too.
	 * @param clientName the client's name
	 * @param rejected the rejected token
	 * @return the token to send the request with once more, or empty
	 */
	default Mono<OAuth2AccessToken> renewAfterRejection(String clientName, OAuth2AccessToken rejected) {
		return invalidate(clientName, rejected).then(Mono.defer(() -> get(clientName)));
	}

	/**
	 * After an API answered {@code 401} to a request that carried the given token and is
	 * not sent again (a WebClient request with a body): drop the token, so that the next
	 * request carries another one. The default {@link #invalidate(String, OAuth2AccessToken)
	 * invalidates} it; the starter's implementation bounds it as it bounds
	 * {@link #renewAfterRejection(String, OAuth2AccessToken)}: a token is dropped once,
	 * however many requests it was rejected on; a token that had just replaced a rejected
	 * one starts the cool-down instead, and during the cool-down nothing is dropped.
	 * @param clientName the client's name
	 * @param rejected the rejected token
	 * @return completion
	 */
	default Mono<Void> dropAfterRejection(String clientName, OAuth2AccessToken rejected) {
		return invalidate(clientName, rejected);
	}

	/**
	 * Note that an API accepted the given token of the given client. The default does
	 * nothing.
	 * @param clientName the client's name
	 * @param token the accepted token
	 */
	default void tokenAccepted(String clientName, OAuth2AccessToken token) {
	}

	/**
	 * Note that an API rejected a token of the given client that
	 * {@link #renewAfterRejection(String, OAuth2AccessToken)} had just given to replace a
	 * rejected one. The default does nothing.
	 * @param clientName the client's name
	 * @param token the rejected token
	 */
	default void renewedTokenRejected(String clientName, OAuth2AccessToken token) {
	}

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
