package com.egain.auth.spring;

/**
 * Receives the events of the token lifecycle that are counted as metrics. Token requests
 * themselves are timed by the {@code egain.auth.token.request} observation.
 *
 * <p>The starter supplies a Micrometer implementation when Micrometer is on the classpath
 * and the application has a {@code MeterRegistry} bean;
 * {@link #NONE} otherwise.
 */
public interface EgainAuthMetrics {

	/**
	 * Records nothing.
	 */
	EgainAuthMetrics NONE = new EgainAuthMetrics() {
	};

	/**
	 * A caller got the cached token without waiting.
	 * @param clientName the client's name
	 */
	default void cacheHit(String clientName) {
	}

	/**
	 * A caller had to wait for a token request.
	 * @param clientName the client's name
	 */
	default void cacheMiss(String clientName) {
	}

	/**
	 * A background refresh ended.
	 * @param clientName the client's name
	 * @param success whether a new token was obtained
	 */
	default void backgroundRefresh(String clientName, boolean success) {
	}

	/**
	 * An API answered 401 and the request is sent once more with a new token.
	 * @param clientName the client's name
	 */
	default void retryAfterUnauthorized(String clientName) {
	}

	/**
	 * An API rejected a token that had just replaced a rejected one, so the client stops
	 * renewing tokens for the cool-down and returns the API's 401 answers as they are.
	 * @param clientName the client's name
	 */
	default void renewalSuspended(String clientName) {
	}

	/**
	 * A token request of the client was granted fewer scopes than it requested (the
	 * token response's {@code scope} lacks some): calls that need the missing scopes will
	 * be refused by the API. Called once per such token.
	 * @param clientName the client's name
	 */
	default void scopeDowngraded(String clientName) {
	}

	/**
	 * A request through the client's WebClient or RestClient went out without its token.
	 * @param clientName the client's name
	 * @param reason {@code origin} (not an allowed origin) or {@code insecure} (plain http
	 * to a host that is not a loopback address)
	 */
	default void sentWithoutToken(String clientName, String reason) {
	}

	/**
	 * The shared token store (Redis) stopped answering within its time limit: until it
	 * answers again, each instance requests its own tokens. Called once per outage.
	 */
	default void tokenStoreUnavailable() {
	}

	/**
	 * A client's id or secret changed (a rotation): the next token request uses it.
	 * @param clientName the client's name
	 * @param source where the new value came from: {@code property}, {@code file} or
	 * {@code bean}
	 */
	default void credentialsChanged(String clientName, String source) {
	}

}
