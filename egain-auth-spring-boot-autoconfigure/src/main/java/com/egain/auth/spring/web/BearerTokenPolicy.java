package com.egain.auth.spring.web;

import java.net.URI;

import com.egain.auth.spring.EgainAccessTokens;
import com.egain.auth.spring.EgainAuthMetrics;
import com.egain.auth.spring.EgainClient;
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
 * <p>Internal to the starter: applications use
 * {@link com.egain.auth.spring.EgainExchangeFilterFunction} and
 * {@link com.egain.auth.spring.EgainClientHttpRequestInterceptor}.
 */
public final class BearerTokenPolicy {

	private static final Log logger = LogFactory.getLog(BearerTokenPolicy.class);

	private final String clientName;

	private final EgainAccessTokens tokens;

	private final EgainAuthMetrics metrics;

	private final TokenDestinations destinations;

	private final FailureLog failureLog;

	/**
	 * Create the policy of the given client.
	 * @param client the client
	 * @param tokens where its tokens come from
	 * @param metrics the metrics of its requests
	 */
	public BearerTokenPolicy(EgainClient client, EgainAccessTokens tokens, EgainAuthMetrics metrics) {
		this.clientName = client.getName();
		this.tokens = tokens;
		this.metrics = metrics;
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
	public boolean permits(Object method, URI url) {
		return this.destinations.permit(method, url);
	}

	/**
	 * The held token, without waiting, or {@code null} when the request has to wait for
	 * {@link #token(Object, URI)}.
	 * @return the token, or {@code null}
	 */
	public @Nullable OAuth2AccessToken tokenNow() {
		return this.tokens.getNow(this.clientName);
	}

	/**
	 * The token for a request, once the one token request in flight has it.
	 * @param method the request's method, for the log line of a failure
	 * @param url the request's URL, for the log line of a failure
	 * @return the token
	 */
	public Mono<OAuth2AccessToken> token(Object method, URI url) {
		return this.tokens.get(this.clientName).doOnError((ex) -> failed(method, url, ex));
	}

	/**
	 * Whether the API rejected the token with the given response status.
	 * @param status the response status
	 * @return whether it is {@code 401}
	 */
	public static boolean isRejection(int status) {
		return status == HttpStatus.UNAUTHORIZED.value();
	}

	/**
	 * The API accepted the given token.
	 * @param token the token
	 */
	public void accepted(OAuth2AccessToken token) {
		this.tokens.tokenAccepted(this.clientName, token);
	}

	/**
	 * The token to send a rejected request with once more, or empty when its {@code 401} is
	 * to be returned as it is (see {@link EgainAccessTokens#renewAfterRejection}).
	 * @param method the request's method
	 * @param url the request's URL
	 * @param rejected the rejected token
	 * @return the renewed token, or empty
	 */
	public Mono<OAuth2AccessToken> renewal(Object method, URI url, OAuth2AccessToken rejected) {
		return this.tokens.renewAfterRejection(this.clientName, rejected).doOnNext((token) -> {
			this.metrics.retryAfterUnauthorized(this.clientName);
			logger.debug("eGain API answered 401 to " + method + " " + url.getRawPath()
					+ "; sending it once more with a new token of client '" + this.clientName + "'");
		}).doOnError((ex) -> failed(method, url, ex));
	}

	/**
	 * Drop the given token after the API answered {@code 401} to a request that is not
	 * sent again, so that the next request carries another one (see
	 * {@link EgainAccessTokens#dropAfterRejection}). A failure to drop is logged, never
	 * returned: the caller gets the API's answer.
	 * @param method the request's method, for the log line
	 * @param url the request's URL, for the log line
	 * @param rejected the rejected token
	 * @return completion
	 */
	public Mono<Void> drop(Object method, URI url, OAuth2AccessToken rejected) {
		return this.tokens.dropAfterRejection(this.clientName, rejected)
			.doOnSuccess((done) -> logger.debug("eGain API answered 401 to " + method + " " + url.getRawPath()
					+ ", a request with a body that is not sent again; the next request of client '"
					+ this.clientName + "' carries a new token"))
			.onErrorResume((ex) -> {
				logger.warn("Could not drop the token of eGain client '" + this.clientName
						+ "' that the API rejected: " + ex.getMessage());
				return Mono.empty();
			});
	}

	/**
	 * The API answered the request sent once more with the given renewed token.
	 * @param renewed the renewed token
	 * @param status the status of the answer
	 */
	public void retried(OAuth2AccessToken renewed, int status) {
		if (isRejection(status)) {
			this.tokens.renewedTokenRejected(this.clientName, renewed);
		}
		else {
			this.tokens.tokenAccepted(this.clientName, renewed);
		}
	}

	private void failed(Object method, URI url, Throwable ex) {
		this.failureLog.failed(method + " " + url.getRawPath(), ex);
	}

}
