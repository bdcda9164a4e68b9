package com.egain.auth.spring;

import java.net.URI;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.core.OAuth2AccessToken;

/**
 * What one client's pre-authorized requests do with its token, in one place for both HTTP
 * stacks: whether a request may carry the token, which token it carries, and what a
 * {@code 401} leads to, with the metrics and log lines of each step. The WebClient filter
 * and the RestClient interceptor only translate their stack to it.
 */
final class BearerTokenPolicy {

	private static final Log logger = LogFactory.getLog(BearerTokenPolicy.class);

	private final String clientName;

	private final EgainAccessTokens tokens;

	private final TokenDestinations destinations;

	BearerTokenPolicy(EgainClient client, EgainAccessTokens tokens) {
		this.clientName = client.getName();
		this.tokens = tokens;
		this.destinations = new TokenDestinations(client, tokens.metrics());
	}

	/**
	 * Whether a request to the given URL may carry the token (see
	 * {@link TokenDestinations}).
	 */
	boolean permits(Object method, URI url) {
		return this.destinations.permit(method, url);
	}

	/**
	 * The cached token, without waiting, or {@code null} when the request has to wait for
	 * {@link #token(Object, URI)}.
	 */
	OAuth2AccessToken cachedToken() {
		return this.tokens.cachedToken(this.clientName);
	}

	/**
	 * The token for a request, once the one token request in flight has it.
	 */
	Mono<OAuth2AccessToken> token(Object method, URI url) {
		return this.tokens.get(this.clientName).doOnError((ex) -> failed(method, url, ex));
	}

	/**
	 * Whether the API rejected the token with the given response status.
	 */
	static boolean isRejection(int status) {
		return status == HttpStatus.UNAUTHORIZED.value();
	}

	/**
	 * The API accepted the given token.
	 */
	void accepted(OAuth2AccessToken token) {
		this.tokens.accepted(this.clientName, token);
	}

	/**
	 * The token to send a rejected request with once more, or empty when its {@code 401} is
	 * to be returned as it is (see {@link EgainAccessTokens#renewAfterRejection}).
	 */
	Mono<OAuth2AccessToken> renewal(Object method, URI url, OAuth2AccessToken rejected) {
		return this.tokens.renewAfterRejection(this.clientName, rejected).doOnNext((token) -> {
			this.tokens.metrics().retryAfterUnauthorized(this.clientName);
			logger.debug("eGain API answered 401 to " + method + " " + url.getRawPath()
					+ "; sending it once more with a new token of client '" + this.clientName + "'");
		}).doOnError((ex) -> failed(method, url, ex));
	}

	/**
	 * The API answered the request sent once more with the given renewed token.
	 */
	void retried(OAuth2AccessToken renewed, int status) {
		if (isRejection(status)) {
			this.tokens.renewedTokenRejected(this.clientName, renewed);
		}
		else {
			this.tokens.accepted(this.clientName, renewed);
		}
	}

	private void failed(Object method, URI url, Throwable ex) {
		this.tokens.logFailedCall(this.clientName, method + " " + url.getRawPath(), ex);
	}

}
