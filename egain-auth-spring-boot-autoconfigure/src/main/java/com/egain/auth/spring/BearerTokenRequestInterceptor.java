package com.egain.auth.spring;

import java.io.IOException;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.http.HttpRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.security.oauth2.core.OAuth2AccessToken;

/**
 * Attaches one client's bearer token to RestClient requests bound for its allowed
 * origins, and after a {@code 401} drops the token and sends the request once more with a
 * new one (a RestClient body is a byte array, so it can always be sent again).
 */
final class BearerTokenRequestInterceptor implements ClientHttpRequestInterceptor {

	private static final Log logger = LogFactory.getLog(BearerTokenRequestInterceptor.class);

	private final String clientName;

	private final EgainAccessTokens tokens;

	private final TokenDestinations destinations;

	BearerTokenRequestInterceptor(EgainClient client, EgainAccessTokens tokens) {
		this.clientName = client.getName();
		this.tokens = tokens;
		this.destinations = new TokenDestinations(client, tokens.metrics());
	}

	@Override
	public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
			throws IOException {
		if (!this.destinations.permit(request.getMethod(), request.getURI())) {
			return execution.execute(request, body);
		}
		OAuth2AccessToken token = token(request);
		request.getHeaders().setBearerAuth(token.getTokenValue());
		ClientHttpResponse response = execution.execute(request, body);
		if (response.getStatusCode().value() != HttpStatus.UNAUTHORIZED.value()) {
			return response;
		}
		this.tokens.metrics().retryAfterUnauthorized(this.clientName);
		logger.debug("eGain API answered 401 to " + request.getMethod() + " " + request.getURI().getRawPath()
				+ "; retrying once with a new token of client '" + this.clientName + "'");
		response.close();
		this.tokens.invalidate(this.clientName, token).block();
		request.getHeaders().setBearerAuth(token(request).getTokenValue());
		return execution.execute(request, body);
	}

	private OAuth2AccessToken token(HttpRequest request) {
		OAuth2AccessToken cached = this.tokens.cachedToken(this.clientName);
		if (cached != null) {
			return cached;
		}
		try {
			return this.tokens.get(this.clientName).block();
		}
		catch (RuntimeException ex) {
			logger.error("eGain API request " + request.getMethod() + " " + request.getURI().getRawPath()
					+ " failed for want of a token of client '" + this.clientName + "': " + ex.getMessage());
			throw ex;
		}
	}

}
