package com.egain.auth.spring.http;

import com.egain.auth.spring.ForwardProxy;
import com.egain.auth.spring.LogCapture;
import com.egain.auth.spring.Tinyproxy;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JDK HttpClient behind a proxy that asks for Basic credentials, in a JVM started
 * with {@code -Djdk.http.auth.tunneling.disabledSchemes=}, as the documentation tells
 * applications to: the build runs this class in a JVM of its own (surefire execution
 * {@code jdk-proxy-tunneling}).
 */
class JdkProxyTunnelingTests {

	@RegisterExtension
	static WireMockExtension egain = CorporateNetwork.egainOverTls();

	@RegisterExtension
	static WireMockExtension plainEgain = WireMockExtension.newInstance()
		.options(com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig().dynamicPort())
		.build();

	@BeforeAll
	static void jvmAllowsBasicForTunnels() {
		// Selected by -Dtest, the tests also reach the default surefire execution's JVM.
		Assumptions.assumeTrue(Boolean.getBoolean("egain.jdk-proxy-tunneling"),
				"runs in the surefire execution jdk-proxy-tunneling");
		assertThat(System.getProperty("jdk.http.auth.tunneling.disabledSchemes"))
			.as("the JVM of the surefire execution jdk-proxy-tunneling starts with "
					+ "-Djdk.http.auth.tunneling.disabledSchemes=")
			.isEmpty();
	}

	@Test
	void jdkHttpClientReachesEgainThroughAnAuthenticatingProxy() throws Exception {
		try (ForwardProxy proxy = new ForwardProxy(CorporateNetwork.PROXY_USER, CorporateNetwork.PROXY_PASSWORD);
				LogCapture logs = new LogCapture()) {
			ProxyChecks.throughProxy(egain, ClientHttpRequestFactoryBuilder.jdk(), ClientHttpConnectorBuilder.jdk(),
					proxy.port(), CorporateNetwork.PROXY_PASSWORD)
				.run((context) -> {
					CorporateNetwork.callBoth(context, egain);
					ProxyChecks.assertTunnelled(proxy, egain);
				});
			ProxyChecks.assertLogsNameTheProxyButNotThePassword(logs, proxy.port());
		}
	}

	@Test
	void jdkHttpClientTellsAWrongProxyPasswordPromptly() throws Exception {
		try (ForwardProxy proxy = new ForwardProxy(CorporateNetwork.PROXY_USER, CorporateNetwork.PROXY_PASSWORD)) {
			ProxyChecks.throughProxy(egain, ClientHttpRequestFactoryBuilder.jdk(), ClientHttpConnectorBuilder.jdk(),
					proxy.port(), "wrong-password")
				.run((context) -> ProxyChecks.assertProxyAuthenticationRequired(context, proxy.port()));
		}
	}

	@Test
	void jdkHttpClientReachesAPlainHttpEgainThroughAnAuthenticatingProxy() throws Exception {
		try (ForwardProxy proxy = new ForwardProxy(CorporateNetwork.PROXY_USER, CorporateNetwork.PROXY_PASSWORD)) {
			ProxyChecks.plainHttpThroughProxy(plainEgain, ClientHttpRequestFactoryBuilder.jdk(),
					ClientHttpConnectorBuilder.jdk(), proxy.port())
				.run((context) -> {
					CorporateNetwork.callBoth(context, plainEgain);
					ProxyChecks.assertCarriedPlainHttp(proxy, plainEgain);
				});
		}
	}

	@Test
	void jdkHttpClientReachesEgainThroughTinyproxy() throws Exception {
		try (Tinyproxy tinyproxy = Tinyproxy.start(CorporateNetwork.PROXY_USER, CorporateNetwork.PROXY_PASSWORD);
				LogCapture logs = new LogCapture()) {
			ProxyChecks.throughProxy(egain, ClientHttpRequestFactoryBuilder.jdk(), ClientHttpConnectorBuilder.jdk(),
					tinyproxy.port(), CorporateNetwork.PROXY_PASSWORD)
				.run((context) -> CorporateNetwork.callBoth(context, egain));
			ProxyChecks.assertTinyproxyTunnelled(tinyproxy, egain);
			ProxyChecks.assertLogsNameTheProxyButNotThePassword(logs, tinyproxy.port());
		}
	}

}
