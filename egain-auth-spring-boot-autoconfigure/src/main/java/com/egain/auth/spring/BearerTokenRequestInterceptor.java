package com.egain.auth.spring;

import java.io.IOException;


import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.util.Assert;

/**
 * The {@link BearerTokenPolicy} of one client on RestClient: attaches the token to
 * requests bound for its allowed origins, and after a {@code 401} sends the request once
 * more with the token the {@link EgainTokenRejectionHandler} gives (a RestClient body is
 * a byte array, so it can always be sent again). A caller that has to wait for a token blocks at most for the
 * token request's own time limit (see {@code EgainTokenResponseClient#getTimeLimit()}); the token request itself runs on threads of the
 * starter's own, never on the caller's pool.
 */
final class BearerTokenRequestInterceptor implements ClientHttpRequestInterceptor {

	private final BearerTokenPolicy policy;

	/**
	 * Create the adapter of the given client's policy.
	 * @param policy the client's bearer-token policy
	 */
	BearerTokenRequestInterceptor(BearerTokenPolicy policy) {
		this.policy = policy;
	}

	@Override
	public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
			throws IOException {
		if (!this.policy.permits(request.getMethod(), request.getURI())) {
			return execution.execute(request, body);
		}
		OAuth2AccessToken token = this.policy.tokenNow();
		if (token == null) {
			token = this.policy.token(request.getMethod(), request.getURI()).block();
			Assert.state(token != null, "EgainAccessTokens.get(String) completed without a token");
		}
		request.getHeaders().setBearerAuth(token.getTokenValue());
		ClientHttpResponse response = execution.execute(request, body);
		if (!BearerTokenPolicy.isRejection(response.getStatusCode().value())) {
			this.policy.accepted(token);
			return response;
		}
		OAuth2AccessToken renewed;
		try {
			renewed = this.policy.renewal(request.getMethod(), request.getURI(), token).block();
		}
		catch (RuntimeException ex) {
			// No new token: the 401 is not returned, so its connection goes back now.
			response.close();
			throw ex;
		}
		if (renewed == null) {
			return response;
		}
		response.close();
		request.getHeaders().setBearerAuth(renewed.getTokenValue());
		ClientHttpResponse retried = execution.execute(request, body);
		if (BearerTokenPolicy.isRejection(retried.getStatusCode().value())) {
			this.policy.rejectedFinally(request.getMethod(), request.getURI(), renewed).block();
		}
		else {
			this.policy.accepted(renewed);
		}
		return retried;
	}

}
