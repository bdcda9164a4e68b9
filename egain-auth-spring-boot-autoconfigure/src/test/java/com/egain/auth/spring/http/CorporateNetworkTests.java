package com.egain.auth.spring.http;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.stream.Stream;

import com.egain.auth.spring.EgainAccessTokens;
import com.egain.auth.spring.EgainClientAuthorizationException;
import com.egain.auth.spring.ForwardProxy;
import com.egain.auth.spring.LogCapture;
import com.egain.auth.spring.Tinyproxy;
import com.egain.auth.spring.autoconfigure.InvalidEgainConfigurationException;
import com.egain.auth.spring.autoconfigure.InvalidEgainConfigurationException.Problem;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The starter's traffic in a corporate network: eGain's certificate chains to the
 * company's own CA, in a Spring Boot SSL bundle, and traffic goes through a forward proxy
 * that asks for Basic credentials. On each HTTP library Spring Boot may build both the
 * token requests and the clients on. The JDK HttpClient behind a proxy with credentials
 * is in {@link JdkProxyTunnelingTests}: it needs a JVM started with a setting of its own.
 */
class CorporateNetworkTests {

	@RegisterExtension
	static WireMockExtension egain = CorporateNetwork.egainOverTls();

	@RegisterExtension
	static WireMockExtension plainEgain = WireMockExtension.newInstance()
		.options(com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig().dynamicPort())
		.build();

	static Stream<Arguments> libraries() {
		return CorporateNetwork.libraries();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("libraries")
	void withoutTheCorporateCaTheTokenRequestFailsItsTlsHandshake(String library,
			ClientHttpRequestFactoryBuilder<?> requestFactories, ClientHttpConnectorBuilder<?> connectors) {
		CorporateNetwork.runner(egain, requestFactories, connectors).run((context) -> {
			assertThatExceptionOfType(EgainClientAuthorizationException.class)
				.isThrownBy(() -> context.getBean(EgainAccessTokens.class).get("portal").block(Duration.ofSeconds(10)))
				.satisfies((ex) -> assertThat(ex.getMessage()).contains("TLS handshake failed"));
		});
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("libraries")
	void sslBundleOfTheStarterServesTheTokenRequestAndTheApiCalls(String library,
			ClientHttpRequestFactoryBuilder<?> requestFactories, ClientHttpConnectorBuilder<?> connectors) {
		CorporateNetwork.runner(egain, requestFactories, connectors)
			.withPropertyValues("egain.auth.ssl-bundle=corp")
			.run((context) -> CorporateNetwork.callBoth(context, egain));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("libraries")
	void sslBundleOfSpringBootsHttpClientsServesTheTokenRequestAndTheApiCalls(String library,
			ClientHttpRequestFactoryBuilder<?> requestFactories, ClientHttpConnectorBuilder<?> connectors) {
		CorporateNetwork.runner(egain, requestFactories, connectors)
			.withPropertyValues("spring.http.clients.ssl.bundle=corp")
			.run((context) -> CorporateNetwork.callBoth(context, egain));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("libraries")
	void sslBundleOfTheClientServesItsTokenRequestAndApiCalls(String library,
			ClientHttpRequestFactoryBuilder<?> requestFactories, ClientHttpConnectorBuilder<?> connectors) {
		CorporateNetwork.runner(egain, requestFactories, connectors)
			.withPropertyValues("egain.auth.clients.portal.ssl-bundle=corp")
			.run((context) -> CorporateNetwork.callBoth(context, egain));
	}

	@Test
	void unknownSslBundlesStopTheStartUpNamingTheirProperties() {
		CorporateNetwork.runner(egain, ClientHttpRequestFactoryBuilder.jdk(), ClientHttpConnectorBuilder.jdk())
			.withPropertyValues("egain.auth.ssl-bundle=corporate", "egain.auth.clients.portal.ssl-bundle=crop")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOfSatisfying(InvalidEgainConfigurationException.class,
						(ex) -> assertThat(ex.getProblems()).extracting(Problem::property, Problem::wrong)
							.containsExactly(
									tuple("egain.auth.ssl-bundle", "names the SSL bundle 'corporate', "
											+ "which does not exist (known bundles: corp)"),
									tuple("egain.auth.clients.portal.ssl-bundle", "names the SSL bundle 'crop', "
											+ "which does not exist (known bundles: corp)"))));
	}

	static Stream<Arguments> librariesTunnelingBasic() {
		return CorporateNetwork.librariesTunnelingBasic();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("librariesTunnelingBasic")
	void reachesEgainThroughAnAuthenticatingProxy(String library, ClientHttpRequestFactoryBuilder<?> requestFactories,
			ClientHttpConnectorBuilder<?> connectors) throws Exception {
		try (ForwardProxy proxy = new ForwardProxy(CorporateNetwork.PROXY_USER, CorporateNetwork.PROXY_PASSWORD);
				LogCapture logs = new LogCapture()) {
			ProxyChecks.throughProxy(egain, requestFactories, connectors, proxy.port(), CorporateNetwork.PROXY_PASSWORD)
				.run((context) -> {
					CorporateNetwork.callBoth(context, egain);
					ProxyChecks.assertTunnelled(proxy, egain);
				});
			ProxyChecks.assertLogsNameTheProxyButNotThePassword(logs, proxy.port());
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("librariesTunnelingBasic")
	void tellsAWrongProxyPasswordPromptly(String library, ClientHttpRequestFactoryBuilder<?> requestFactories,
			ClientHttpConnectorBuilder<?> connectors) throws Exception {
		try (ForwardProxy proxy = new ForwardProxy(CorporateNetwork.PROXY_USER, CorporateNetwork.PROXY_PASSWORD)) {
			ProxyChecks.throughProxy(egain, requestFactories, connectors, proxy.port(), "wrong-password")
				.run((context) -> ProxyChecks.assertProxyAuthenticationRequired(context, proxy.port()));
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("librariesTunnelingBasic")
	void reachesEgainThroughTinyproxy(String library, ClientHttpRequestFactoryBuilder<?> requestFactories,
			ClientHttpConnectorBuilder<?> connectors) throws Exception {
		try (Tinyproxy tinyproxy = Tinyproxy.start(CorporateNetwork.PROXY_USER, CorporateNetwork.PROXY_PASSWORD);
				LogCapture logs = new LogCapture()) {
			ProxyChecks.throughProxy(egain, requestFactories, connectors, tinyproxy.port(),
					CorporateNetwork.PROXY_PASSWORD)
				.run((context) -> CorporateNetwork.callBoth(context, egain));
			ProxyChecks.assertTinyproxyTunnelled(tinyproxy, egain);
			ProxyChecks.assertLogsNameTheProxyButNotThePassword(logs, tinyproxy.port());
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("librariesTunnelingBasic")
	void reachesAPlainHttpEgainThroughAnAuthenticatingProxy(String library,
			ClientHttpRequestFactoryBuilder<?> requestFactories, ClientHttpConnectorBuilder<?> connectors)
			throws Exception {
		try (ForwardProxy proxy = new ForwardProxy(CorporateNetwork.PROXY_USER, CorporateNetwork.PROXY_PASSWORD)) {
			ProxyChecks.plainHttpThroughProxy(plainEgain, requestFactories, connectors, proxy.port())
				.run((context) -> {
					CorporateNetwork.callBoth(context, plainEgain);
					ProxyChecks.assertCarriedPlainHttp(proxy, plainEgain);
				});
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("libraries")
	void nonProxyHostsAreReachedDirectly(String library, ClientHttpRequestFactoryBuilder<?> requestFactories,
			ClientHttpConnectorBuilder<?> connectors) throws Exception {
		try (ForwardProxy proxy = new ForwardProxy(CorporateNetwork.PROXY_USER, CorporateNetwork.PROXY_PASSWORD)) {
			CorporateNetwork.runner(egain, requestFactories, connectors)
				.withPropertyValues("egain.auth.ssl-bundle=corp", "egain.auth.proxy.host=127.0.0.1",
						"egain.auth.proxy.port=" + proxy.port(), "egain.auth.proxy.non-proxy-hosts=localhost|127.*")
				.run((context) -> CorporateNetwork.callBoth(context, egain));
			assertThat(proxy.requests()).isEmpty();
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("libraries")
	void anUnreachableProxyIsNamedInTheTokenRequestsError(String library,
			ClientHttpRequestFactoryBuilder<?> requestFactories, ClientHttpConnectorBuilder<?> connectors)
			throws Exception {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		CorporateNetwork.runner(egain, requestFactories, connectors)
			.withPropertyValues("egain.auth.ssl-bundle=corp", "egain.auth.proxy.host=127.0.0.1",
					"egain.auth.proxy.port=" + closedPort)
			.run((context) -> assertThatExceptionOfType(EgainClientAuthorizationException.class)
				.isThrownBy(() -> context.getBean(EgainAccessTokens.class).get("portal").block(Duration.ofSeconds(20)))
				.satisfies((ex) -> {
					assertThat(ex.getError().getErrorCode())
						.isEqualTo(EgainClientAuthorizationException.TOKEN_ENDPOINT_UNREACHABLE);
					assertThat(ex.getMessage()).contains("through the proxy 127.0.0.1:" + closedPort);
				}));
	}

	@Test
	void aLibraryThatCannotTakeTheProxyStopsTheStartUpNamingIt() {
		CorporateNetwork.runner(egain, ClientHttpRequestFactoryBuilder.jetty(), ClientHttpConnectorBuilder.jetty())
			.withPropertyValues("egain.auth.proxy.host=127.0.0.1", "egain.auth.proxy.port=3128")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOfSatisfying(InvalidEgainConfigurationException.class,
						(ex) -> assertThat(ex.getProblems()).singleElement().satisfies((problem) -> {
							assertThat(problem.property()).isEqualTo("egain.auth.proxy.host");
							assertThat(problem.wrong()).contains("Jetty");
						})));
	}

	@Test
	void jdkHttpClientWithProxyCredentialsNeedsBasicTunnelingAtStartUp() throws Exception {
		// This JVM runs with the JDK's default, which disables Basic for CONNECT tunnels
		// (selected by -Dtest, this class also reaches the JVM of jdk-proxy-tunneling).
		Assumptions.assumeFalse(Boolean.getBoolean("egain.jdk-proxy-tunneling"));
		try (ForwardProxy proxy = new ForwardProxy(CorporateNetwork.PROXY_USER, CorporateNetwork.PROXY_PASSWORD)) {
			ProxyChecks.throughProxy(egain, ClientHttpRequestFactoryBuilder.jdk(), ClientHttpConnectorBuilder.jdk(),
					proxy.port(), CorporateNetwork.PROXY_PASSWORD)
				.run((context) -> assertThat(context).getFailure()
					.rootCause()
					.isInstanceOfSatisfying(InvalidEgainConfigurationException.class,
							(ex) -> assertThat(ex.getProblems()).singleElement().satisfies((problem) -> {
								assertThat(problem.property()).isEqualTo("egain.auth.proxy.username");
								assertThat(problem.action())
									.contains("-Djdk.http.auth.tunneling.disabledSchemes=");
							})));
			assertThat(proxy.requests()).isEmpty();
		}
	}

}
