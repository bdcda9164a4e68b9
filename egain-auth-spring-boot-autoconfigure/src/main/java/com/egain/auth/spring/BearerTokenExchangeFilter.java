package com.egain.auth.spring;

import reactor.core.publisher.Mono;

import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;

/**
 * The {@link BearerTokenPolicy} of one client on WebClient: attaches the token to
 * requests bound for its allowed origins, and after a {@code 401} sends a request without
 * a body once more with the token the {@link EgainTokenRejectionHandler} gives; a request
 * with a body is not sent again (WebClient cannot tell whether its body publisher can be
 * subscribed twice), and its {@code 401} goes to the handler as one that cannot be resent.
 */
final class BearerTokenExchangeFilter implements ExchangeFilterFunction {

	private final BearerTokenPolicy policy;

	/**
	 * Create the adapter of the given client's policy.
	 * @param policy the client's bearer-token policy
	 */
	BearerTokenExchangeFilter(BearerTokenPolicy policy) {
		this.policy = policy;
	}

	@Override
	public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
		if (!this.policy.permits(request.method(), request.url())) {
			return next.exchange(request);
		}
		OAuth2AccessToken cached = this.policy.tokenNow();
		if (cached != null) {
			return exchange(request, next, cached);
		}
		return this.policy.token(request.method(), request.url()).flatMap((token) -> exchange(request, next, token));
	}

	private Mono<ClientResponse> exchange(ClientRequest request, ExchangeFunction next, OAuth2AccessToken token) {
		return next.exchange(withToken(request, token)).flatMap((response) -> {
			if (!BearerTokenPolicy.isRejection(response.statusCode().value())) {
				this.policy.accepted(token);
				return Mono.just(response);
			}
			return rejected(request, next, token, response);
		});
	}

	// Off the hot path, in a method of its own, so that the lambda above stays small.
	private Mono<ClientResponse> rejected(ClientRequest request, ExchangeFunction next, OAuth2AccessToken token,
			ClientResponse response) {
		if (!isReplayable(request)) {
			// Not sent again: its 401 goes back as it is, and the next request carries a new
			// token.
			return this.policy.rejectedFinally(request.method(), request.url(), token).thenReturn(response);
		}
		return this.policy.renewal(request.method(), request.url(), token)
			.flatMap((renewed) -> response.releaseBody()
				.then(next.exchange(withToken(request, renewed)))
				.flatMap((retried) -> answeredOnceMore(request, renewed, retried)))
			.onErrorResume((ex) -> response.releaseBody().then(Mono.error(ex)))
			.switchIfEmpty(Mono.just(response));
	}

	// The answer to the request sent once more goes to the same policy steps as a first
	// answer, except that it is not sent again.
	private Mono<ClientResponse> answeredOnceMore(ClientRequest request, OAuth2AccessToken renewed,
			ClientResponse retried) {
		if (!BearerTokenPolicy.isRejection(retried.statusCode().value())) {
			this.policy.accepted(renewed);
			return Mono.just(retried);
		}
		return this.policy.rejectedFinally(request.method(), request.url(), renewed).thenReturn(retried);
	}

	// WebClient cannot tell whether a body publisher can be subscribed twice: only a
	// request without a body is sent again.
	private static boolean isReplayable(ClientRequest request) {
		return request.body() == BodyInserters.empty();
	}

	private static ClientRequest withToken(ClientRequest request, OAuth2AccessToken token) {
		return ClientRequest.from(request).headers((headers) -> headers.setBearerAuth(token.getTokenValue())).build();
	}

}
