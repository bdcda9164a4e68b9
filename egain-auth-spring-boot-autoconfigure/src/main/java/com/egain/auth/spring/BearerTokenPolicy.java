package com.egain.auth.spring;

import java.net.URI;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.core.OAuth2AccessToken;

/**
 * What one client's pre-authorized requests do with its token, in one place for both HTTP
 * stacks: whether a request may carry the token, which token it carries, and what a
 * {@code 401} leads to, with the metrics and log lines of each step. The WebClient filter
 * and the RestClient interceptor only translate their stack to it.
 *
 * <p>Applications use {@link EgainExchangeFilterFunction} and
 * {@link EgainClientHttpRequestInterceptor}; what a {@code 401} leads to is the
 * {@link EgainTokenRejectionHandler}'s to decide.
 */
final class BearerTokenPolicy {

	private static final Log logger = LogFactory.getLog(BearerTokenPolicy.class);

	private final String clientName;

	private final EgainAccessTokens tokens;

	private final EgainAuthMetrics metrics;

	private final EgainTokenRejectionHandler rejections;

	private final TokenDestinations destinations;

	private final FailureLog failureLog;

	/**
	 * Create the policy of the given client.
	 * @param client the client
	 * @param tokens where its tokens come from
	 * @param metrics the metrics of its requests
	 * @param rejections what a {@code 401} leads to
	 */
	BearerTokenPolicy(EgainClient client, EgainAccessTokens tokens, EgainAuthMetrics metrics,
			EgainTokenRejectionHandler rejections) {
		this.clientName = client.getName();
		this.tokens = tokens;
		this.metrics = metrics;
		this.rejections = rejections;
		this.destinations = new TokenDestinations(client, metrics);
		this.failureLog = new FailureLog(this.clientName);
	}

	/**
	 * Whether a request to the given URL may carry the token (see
	 * {@link TokenDestinations}).
	 * @param method the request's method, for the log line
	 * @param url the request's URL
	 * @return whether the token may go with it
	 */
	boolean permits(Object method, URI url) {
		return this.destinations.permit(method, url);
	}

	/**
	 * The held token, without waiting, or {@code null} when the request has to wait for
	 * {@link #token(Object, URI)}.
	 * @return the token, or {@code null}
	 */
	@Nullable OAuth2AccessToken tokenNow() {
		return this.tokens.getNow(this.clientName);
	}

	/**
	 * The token for a request, once the one token request in flight has it.
	 * @param method the request's method, for the log line of a failure
	 * @param url the request's URL, for the log line of a failure
	 * @return the token
	 */
	Mono<OAuth2AccessToken> token(Object method, URI url) {
		return this.tokens.get(this.clientName).doOnError((ex) -> failed(method, url, ex));
	}

	/**
	 * Whether the API rejected the token with the given response status.
	 * @param status the response status
	 * @return whether it is {@code 401}
	 */
	static boolean isRejection(int status) {
		return status == HttpStatus.UNAUTHORIZED.value();
	}

	/**
	 * The API answered a request that carried the given token with anything but
	 * {@code 401}.
	 * @param token the token
	 */
	void accepted(OAuth2AccessToken token) {
		this.rejections.onAccepted(this.clientName, token);
	}

	/**
	 * The token to send a rejected request with once more, or empty when its {@code 401} is
	 * to be returned as it is (see {@link EgainTokenRejectionHandler#onRejected}).
	 * @param method the request's method
	 * @param url the request's URL
	 * @param rejected the rejected token
	 * @return the token to send the request with once more, or empty
	 */
	Mono<OAuth2AccessToken> renewal(Object method, URI url, OAuth2AccessToken rejected) {
		return this.rejections.onRejected(this.clientName, rejected, true).doOnNext((token) -> {
			this.metrics.retryAfterUnauthorized(this.clientName);
			logger.debug("eGain API answered 401 to " + method + " " + url.getRawPath()
					+ "; sending it once more with a new token of client '" + this.clientName + "'");
		}).doOnError((ex) -> failed(method, url, ex));
	}

	/**
	 * The API answered {@code 401} to a request that is not sent again: a WebClient
	 * request with a body, or a request already sent once more. A failure of the
	 * {@link EgainTokenRejectionHandler} is logged, never returned: the caller gets the
	 * API's answer.
	 * @param method the request's method, for the log line
	 * @param url the request's URL, for the log line
	 * @param rejected the rejected token
	 * @return completion
	 */
	Mono<Void> rejectedFinally(Object method, URI url, OAuth2AccessToken rejected) {
		return this.rejections.onRejected(this.clientName, rejected, false)
			.then()
			.doOnSuccess((done) -> logger.debug("eGain API answered 401 to " + method + " " + url.getRawPath()
					+ ", which is not sent again, with a token of client '" + this.clientName + "'"))
			.onErrorResume((ex) -> {
				logger.warn("Could not handle the 401 to a request of eGain client '" + this.clientName + "': "
						+ ex.getMessage());
				return Mono.empty();
			});
	}

	private void failed(Object method, URI url, Throwable ex) {
		this.failureLog.failed(method + " " + url.getRawPath(), ex);
	}

}
