package com.egain.auth.spring.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import com.egain.auth.spring.EgainAccessTokens;
import com.egain.auth.spring.EgainClientAuthorizationException;
import com.egain.auth.spring.ForwardProxy;
import com.egain.auth.spring.LogCapture;
import com.egain.auth.spring.Tinyproxy;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What a test of the starter behind a proxy checks.
 */
final class ProxyChecks {

	private ProxyChecks() {
	}

	static ApplicationContextRunner throughProxy(WireMockExtension egain,
			ClientHttpRequestFactoryBuilder<?> requestFactories, ClientHttpConnectorBuilder<?> connectors,
			int proxyPort, String password) {
		return CorporateNetwork.runner(egain, requestFactories, connectors)
			.withPropertyValues("egain.auth.ssl-bundle=corp", "egain.auth.proxy.host=127.0.0.1",
					"egain.auth.proxy.port=" + proxyPort, "egain.auth.proxy.username=" + CorporateNetwork.PROXY_USER,
					"egain.auth.proxy.password=" + password);
	}

	static ApplicationContextRunner plainHttpThroughProxy(WireMockExtension egain,
			ClientHttpRequestFactoryBuilder<?> requestFactories, ClientHttpConnectorBuilder<?> connectors,
			int proxyPort) {
		return CorporateNetwork.runner(egain, "http://127.0.0.1:" + egain.getPort(), requestFactories, connectors)
			.withPropertyValues("egain.auth.proxy.host=127.0.0.1", "egain.auth.proxy.port=" + proxyPort,
					"egain.auth.proxy.username=" + CorporateNetwork.PROXY_USER,
					"egain.auth.proxy.password=" + CorporateNetwork.PROXY_PASSWORD);
	}

	/**
	 * The proxy carried the plain-http token request and both calls (as absolute-form
	 * requests or through a tunnel, as the library does it), with the credentials.
	 */
	static void assertCarriedPlainHttp(ForwardProxy proxy, WireMockExtension egain) {
		assertThat(proxy.requests()).isNotEmpty()
			.allSatisfy((request) -> assertThat(request.target()).contains("127.0.0.1:" + egain.getPort()))
			.anySatisfy((request) -> assertThat(request.authenticated()).isTrue());
	}

	/**
	 * The proxy tunnelled the token request and both calls, and only with the credentials.
	 */
	static void assertTunnelled(ForwardProxy proxy, WireMockExtension egain) {
		String target = "127.0.0.1:" + egain.getHttpsPort();
		assertThat(proxy.requests()).isNotEmpty()
			.allSatisfy((request) -> assertThat(request.method() + " " + request.target())
				.isEqualTo("CONNECT " + target))
			.anySatisfy((request) -> assertThat(request.authenticated()).isTrue());
		assertNoProxyCredentialsReachedEgain(egain);
	}

	/**
	 * The proxy credentials went to the proxy only.
	 */
	static void assertNoProxyCredentialsReachedEgain(WireMockExtension egain) {
		assertThat(egain.findAll(anyRequestedFor(anyUrl()))).isNotEmpty()
			.allSatisfy((request) -> assertThat(request.containsHeader("Proxy-Authorization")).isFalse());
	}

	static void assertTinyproxyTunnelled(Tinyproxy tinyproxy, WireMockExtension egain) throws IOException {
		String log = tinyproxy.log();
		assertThat(log).contains("CONNECT 127.0.0.1:" + egain.getHttpsPort())
			.contains("opensock: opening connection to 127.0.0.1:" + egain.getHttpsPort())
			.doesNotContain(CorporateNetwork.PROXY_PASSWORD);
		assertNoProxyCredentialsReachedEgain(egain);
	}

	static void assertLogsNameTheProxyButNotThePassword(LogCapture logs, int proxyPort) {
		String text = logs.text();
		String basic = Base64.getEncoder()
			.encodeToString((CorporateNetwork.PROXY_USER + ":" + CorporateNetwork.PROXY_PASSWORD)
				.getBytes(StandardCharsets.UTF_8));
		assertThat(text).contains("eGain client 'portal'")
			.contains("via proxy 127.0.0.1:" + proxyPort + ", SSL bundle corp")
			.doesNotContain(CorporateNetwork.PROXY_PASSWORD)
			.doesNotContain(basic);
	}

	static void assertProxyAuthenticationRequired(AssertableApplicationContext context, int proxyPort) {
		long start = System.nanoTime();
		assertThatExceptionOfType(EgainClientAuthorizationException.class)
			.isThrownBy(() -> context.getBean(EgainAccessTokens.class).get("portal").block(Duration.ofSeconds(20)))
			.satisfies((ex) -> {
				assertThat(ex.getError().getErrorCode())
					.isEqualTo(EgainClientAuthorizationException.PROXY_AUTHENTICATION_REQUIRED);
				assertThat(ex.getMessage()).contains("127.0.0.1:" + proxyPort).doesNotContain("wrong-password");
			});
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
	}

}
