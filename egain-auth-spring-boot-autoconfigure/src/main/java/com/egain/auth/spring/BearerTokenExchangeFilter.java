package com.egain.auth.spring;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;

/**
 * Attaches one client's bearer token to requests bound for its allowed origins, and after
 * a {@code 401} drops the token and sends a request without a body once more with a new
 * one.
 */
final class BearerTokenExchangeFilter implements ExchangeFilterFunction {

	private static final Log logger = LogFactory.getLog(BearerTokenExchangeFilter.class);

	private final String clientName;

	private final EgainAccessTokens tokens;

	private final TokenDestinations destinations;

	BearerTokenExchangeFilter(EgainClient client, EgainAccessTokens tokens) {
		this.clientName = client.getName();
		this.tokens = tokens;
		this.destinations = new TokenDestinations(client, tokens.metrics());
	}

	@Override
	public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
		if (!this.destinations.permit(request.method(), request.url())) {
			return next.exchange(request);
		}
		OAuth2AccessToken cached = this.tokens.cachedToken(this.clientName);
		if (cached != null) {
			return exchange(request, next, cached);
		}
		return this.tokens.get(this.clientName)
			.doOnError((ex) -> logger.error("eGain API request " + request.method() + " " + request.url().getRawPath()
					+ " failed for want of a token of client '" + this.clientName + "': " + ex.getMessage()))
			.flatMap((token) -> exchange(request, next, token));
	}

	private Mono<ClientResponse> exchange(ClientRequest request, ExchangeFunction next, OAuth2AccessToken token) {
		if (!isReplayable(request)) {
			// Never sent again, so its response needs no look.
			return next.exchange(withToken(request, token));
		}
		return next.exchange(withToken(request, token))
			.flatMap((response) -> isRejection(response) ? retry(request, next, token, response)
					: Mono.just(response));
	}

	private static boolean isRejection(ClientResponse response) {
		return response.statusCode().value() == HttpStatus.UNAUTHORIZED.value();
	}

	// WebClient cannot tell whether a body publisher can be subscribed twice: only a
	// request without a body is sent again.
	private static boolean isReplayable(ClientRequest request) {
		return request.body() == BodyInserters.empty();
	}

	private Mono<ClientResponse> retry(ClientRequest request, ExchangeFunction next, OAuth2AccessToken rejected,
			ClientResponse response) {
		this.tokens.metrics().retryAfterUnauthorized(this.clientName);
		logger.debug("eGain API answered 401 to " + request.method() + " " + request.url().getRawPath()
				+ "; retrying once with a new token of client '" + this.clientName + "'");
		return response.releaseBody()
			.then(this.tokens.invalidate(this.clientName, rejected))
			.then(Mono.defer(() -> this.tokens.get(this.clientName)))
			.flatMap((token) -> next.exchange(withToken(request, token)));
	}

	private static ClientRequest withToken(ClientRequest request, OAuth2AccessToken token) {
		return ClientRequest.from(request).headers((headers) -> headers.setBearerAuth(token.getTokenValue())).build();
	}

}
