package com.egain.auth.spring.interop;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * JUnit extension giving a test class the in-JVM {@link AuthorizationServerApplication}.
 * One server is started for the whole test run and stopped at its end; its recorded
 * requests are cleared before every test.
 */
final class InJvmAuthorizationServer implements BeforeAllCallback, BeforeEachCallback {

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace
		.create(InJvmAuthorizationServer.class);

	private TestServer server;

	@Override
	public void beforeAll(ExtensionContext context) {
		this.server = context.getRoot()
			.getStore(NAMESPACE)
			.computeIfAbsent(TestServer.class, (key) -> TestServer.start(AuthorizationServerApplication.class),
					TestServer.class);
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		this.server.exchanges().clear();
	}

	/**
	 * The running server.
	 * @return the server
	 */
	TestServer server() {
		return this.server;
	}

	/**
	 * The URL of the given path on the server.
	 * @param path the path, starting with {@code /}
	 * @return the URL
	 */
	String url(String path) {
		return this.server.url(path);
	}

	/**
	 * The requests the server received in the current test.
	 * @return the recorder
	 */
	ExchangeRecorder exchanges() {
		return this.server.exchanges();
	}

	/**
	 * A starter application configured with this server's clients.
	 * @return the context runner
	 * @see EgainStarter#against(String)
	 */
	ApplicationContextRunner starter() {
		return EgainStarter.against(this.server.baseUrl());
	}

}
