package com.egain.auth.spring.test;

import com.github.tomakehurst.wiremock.client.WireMock;

/**
 * The emulated eGain of a test annotated with {@link AutoConfigureEgainEmulator}, a bean
 * of its application context:
 *
 * <pre class="code">
 * &#64;Autowired
 * EgainEmulator emulator;
 *
 * &#64;Test
 * void showsTheArticle() {
 *     emulator.api().register(get(urlPathEqualTo("/knowledge/portalmgr/v4/articles/1"))
 *         .willReturn(okJson("{\"id\":\"1\"}")));
 *     ...
 *     assertThat(emulator.tokenRequestCount("portal")).isEqualTo(1);
 * }
 * </pre>
 *
 * An API call without a valid token the emulator issued gets {@code 401} before any stub
 * is consulted.
 */
public final class EgainEmulator {

	private final com.egain.auth.spring.emulator.EmulatedEgainServer server;

	private volatile boolean faultsInjected;

	EgainEmulator(com.egain.auth.spring.emulator.EmulatedEgainServer server) {
		this.server = server;
	}

	/**
	 * The number of token requests the emulator received for the given client since the
	 * test began, refused ones included.
	 * @param clientName the client's name, a key under {@code egain.auth.clients}
	 * @return the number of token requests
	 */
	public int tokenRequestCount(String clientName) {
		return this.server.tokenRequestCount(clientName);
	}

	/**
	 * Revoke the tokens issued so far to the given client: the APIs answer {@code 401} to
	 * them, as eGain does to a revoked or expired token.
	 * @param clientName the client's name
	 */
	public void revokeTokens(String clientName) {
		this.faultsInjected = true;
		this.server.revokeTokens(clientName);
	}

	/**
	 * Answer every further token request of the given client with the given HTTP status
	 * and an OAuth2 error body ({@code 401}: {@code invalid_client}, {@code 400}:
	 * {@code invalid_request}, {@code 5xx}: {@code temporarily_unavailable}), until
	 * {@link #reset()}.
	 * @param clientName the client's name
	 * @param httpStatus the status
	 */
	public void failTokenRequests(String clientName, int httpStatus) {
		this.faultsInjected = true;
		this.server.failTokenRequests(clientName, httpStatus);
	}

	/**
	 * Forget the token request counts, the injected failures and the API stubs.
	 */
	public void reset() {
		this.server.reset();
	}

	/**
	 * A WireMock client of the emulator, to stub the eGain API answers the application
	 * expects.
	 * @return the WireMock client
	 */
	public WireMock api() {
		return this.server.api();
	}

	/**
	 * The emulator's base URL, at which every configured client now points.
	 * @return the base URL, {@code http://127.0.0.1:<port>}
	 */
	public String baseUrl() {
		return this.server.baseUrl();
	}

	boolean faultsInjected() {
		return this.faultsInjected;
	}

	void clearFaults() {
		this.faultsInjected = false;
	}

	com.egain.auth.spring.emulator.EmulatedEgainServer server() {
		return this.server;
	}

}
