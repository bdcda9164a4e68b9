package com.egain.auth.spring;

import reactor.core.publisher.Mono;

import org.springframework.security.oauth2.core.OAuth2AccessToken;

/**
 * What an eGain API's {@code 401} to a request that carried a client's token leads to,
 * for both HTTP stacks ({@link EgainExchangeFilterFunction} on WebClient,
 * {@link EgainClientHttpRequestInterceptor} on RestClient).
 *
 * <p>After a {@code 401}, the filter or interceptor calls
 * {@link #onRejected(String, OAuth2AccessToken, boolean)}; after any other answer, it
 * calls {@link #onAccepted(String, OAuth2AccessToken)}. A request sent once more with the
 * token {@code onRejected} gave is answered through the same two methods: a {@code 401}
 * to it calls {@code onRejected} with that token and {@code canResend} {@code false}.
 *
 * <p>The starter's implementation, {@link RenewingEgainTokenRejectionHandler}, renews
 * each rejected token once and stops renewing for a cool-down when a renewed token is
 * rejected too. An application replaces it by defining a bean of this type:
 *
 * <pre class="code">
 * &#64;Bean
 * EgainTokenRejectionHandler egainTokenRejectionHandler() {
 *     // Never send a request again: return every 401 as it is.
 *     return (clientName, rejected, canResend) -&gt; Mono.empty();
 * }
 * </pre>
 */
@FunctionalInterface
public interface EgainTokenRejectionHandler {

	/**
	 * An eGain API answered {@code 401} to a request that carried the given token of the
	 * given client: return the token to send the request once more with, or empty to
	 * return the {@code 401} to the caller as it is. When {@code canResend} is
	 * {@code false} (a WebClient request with a body, whose body publisher may not be
	 * subscribed twice, or the answer to a request already sent once more), the request is
	 * not sent again whatever is returned; the handler may still drop the token so that
	 * the next request carries another one. An error reaches the caller when
	 * {@code canResend} is {@code true}, and is logged otherwise.
	 * @param clientName the client's name
	 * @param rejected the rejected token
	 * @param canResend whether the request can be sent once more
	 * @return the token to send the request once more with, or empty
	 */
	Mono<OAuth2AccessToken> onRejected(String clientName, OAuth2AccessToken rejected, boolean canResend);

	/**
	 * An eGain API answered a request that carried the given token of the given client with
	 * anything but {@code 401}. Called on every such answer, so it must be cheap. The
	 * default does nothing.
	 * @param clientName the client's name
	 * @param token the accepted token
	 */
	default void onAccepted(String clientName, OAuth2AccessToken token) {
	}

}
