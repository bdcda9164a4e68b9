package com.egain.auth.spring.interop;

import java.util.Base64;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/**
 * One request received by a test server, and the status it was answered with.
 */
final class RecordedExchange {

	private static final String BEARER_PREFIX = "Bearer ";

	private static final JsonMapper json = JsonMapper.builder().build();

	private final String method;

	private final String path;

	private final String query;

	private final String authorization;

	private final String clientId;

	private final String scope;

	volatile int status = 200;

	RecordedExchange(String method, String path, String query, String authorization, String clientId,
			String scope) {
		this.method = method;
		this.path = path;
		this.query = query;
		this.authorization = authorization;
		this.clientId = clientId;
		this.scope = scope;
	}

	String method() {
		return this.method;
	}

	/**
	 * The request path, without query.
	 * @return the path
	 */
	String path() {
		return this.path;
	}

	/**
	 * The raw query string.
	 * @return the query, or {@code null}
	 */
	String query() {
		return this.query;
	}

	/**
	 * The {@code Authorization} header.
	 * @return the header, or {@code null}
	 */
	String authorization() {
		return this.authorization;
	}

	/**
	 * The bearer token of the {@code Authorization} header.
	 * @return the token, or {@code null}
	 */
	String bearerToken() {
		return (this.authorization != null && this.authorization.startsWith(BEARER_PREFIX))
				? this.authorization.substring(BEARER_PREFIX.length()) : null;
	}

	/**
	 * The id ({@code jti}) of the bearer token, a JWT: short enough for assertion messages.
	 * @return the token id, or {@code null} without a bearer token
	 */
	String tokenId() {
		String token = bearerToken();
		if (token == null) {
			return null;
		}
		String[] parts = token.split("\\.");
		Map<?, ?> claims = json.readValue(Base64.getUrlDecoder().decode(parts[1]), Map.class);
		return String.valueOf(claims.get("jti"));
	}

	/**
	 * The {@code client_id} request parameter.
	 * @return the client id, or {@code null}
	 */
	String clientId() {
		return this.clientId;
	}

	/**
	 * The {@code scope} request parameter.
	 * @return the scope, or {@code null}
	 */
	String scope() {
		return this.scope;
	}

	/**
	 * The response status.
	 * @return the status
	 */
	int status() {
		return this.status;
	}

	@Override
	public String toString() {
		return this.method + " " + this.path + ((this.query != null) ? "?" + this.query : "") + " -> " + this.status;
	}

}
