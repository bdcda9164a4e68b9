package com.egain.auth.spring.http;

import java.time.Duration;
import java.util.stream.Stream;

import com.egain.auth.spring.EgainRestClients;
import com.egain.auth.spring.EgainWebClients;
import com.egain.auth.spring.TestCertificateAuthority;
import com.egain.auth.spring.TestClients;
import com.egain.auth.spring.autoconfigure.EgainAuthAutoConfiguration;
import com.egain.auth.spring.autoconfigure.web.client.EgainRestClientAutoConfiguration;
import com.egain.auth.spring.autoconfigure.web.reactive.EgainWebClientAutoConfiguration;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.params.provider.Arguments;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A corporate network in the test: an HTTPS stand-in for eGain whose certificate chains
 * to a CA made in the test ({@link TestCertificateAuthority}), a Spring Boot SSL bundle
 * {@code corp} that trusts that CA, and the starter's auto-configuration on an HTTP
 * library of Spring Boot's.
 */
final class CorporateNetwork {

	static final String PROXY_USER = "corp-user";

	static final String PROXY_PASSWORD = "Pr0xyPa55-q7Zr41";

	private CorporateNetwork() {
	}

	static WireMockExtension egainOverTls() {
		TestCertificateAuthority ca = TestCertificateAuthority.get();
		return WireMockExtension.newInstance()
			.options(wireMockConfig().httpDisabled(true)
				.dynamicHttpsPort()
				.keystorePath(ca.serverKeyStore().toString())
				.keystoreType("PKCS12")
				.keystorePassword(TestCertificateAuthority.PASSWORD)
				.keyManagerPassword(TestCertificateAuthority.PASSWORD))
			.build();
	}

	/**
	 * The libraries Spring Boot may build both the token requests and the clients on:
	 * name, request factory builder, connector builder.
	 */
	static Stream<Arguments> libraries() {
		return Stream.of(
				Arguments.of("JDK HttpClient", ClientHttpRequestFactoryBuilder.jdk(), ClientHttpConnectorBuilder.jdk()),
				Arguments.of("Reactor Netty", ClientHttpRequestFactoryBuilder.reactor(),
						ClientHttpConnectorBuilder.reactor()),
				Arguments.of("Apache HttpClient 5", ClientHttpRequestFactoryBuilder.httpComponents(),
						ClientHttpConnectorBuilder.httpComponents()));
	}

	/**
	 * The libraries that send Basic proxy credentials in a {@code CONNECT} in any JVM.
	 */
	static Stream<Arguments> librariesTunnelingBasic() {
		return libraries().filter((arguments) -> !arguments.get()[0].equals("JDK HttpClient"));
	}

	static String url(WireMockExtension egain) {
		return "https://127.0.0.1:" + egain.getHttpsPort();
	}

	static ApplicationContextRunner runner(WireMockExtension egain, ClientHttpRequestFactoryBuilder<?> requestFactories,
			ClientHttpConnectorBuilder<?> connectors) {
		return runner(egain, url(egain), requestFactories, connectors);
	}

	static ApplicationContextRunner runner(WireMockExtension egain, String server,
			ClientHttpRequestFactoryBuilder<?> requestFactories, ClientHttpConnectorBuilder<?> connectors) {
		egain.stubFor(
				post(urlPathEqualTo(TestClients.TOKEN_PATH)).willReturn(okJson(TestClients.tokenJson("t1", 3600))));
		egain.stubFor(get(urlPathEqualTo("/api")).willReturn(ok("answer")));
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, HttpClientAutoConfiguration.class,
					RestClientAutoConfiguration.class, WebClientAutoConfiguration.class,
					EgainAuthAutoConfiguration.class, EgainWebClientAutoConfiguration.class,
					EgainRestClientAutoConfiguration.class))
			.withBean(ClientHttpRequestFactoryBuilder.class, () -> requestFactories)
			.withBean(ClientHttpConnectorBuilder.class, () -> connectors)
			.withPropertyValues("spring.reactor.netty.shutdown-quiet-period=0s",
					"spring.ssl.bundle.pem.corp.truststore.certificate=file:"
							+ TestCertificateAuthority.get().caCertificate(),
					"egain.auth.api-base-url=" + server,
					"egain.auth.token-endpoint.max-attempts=1",
					"egain.auth.clients.portal.token-uri=" + server + TestClients.TOKEN_PATH,
					"egain.auth.clients.portal.client-id=" + TestClients.CLIENT_ID,
					"egain.auth.clients.portal.client-secret=" + TestClients.CLIENT_SECRET,
					"egain.auth.clients.portal.scopes=knowledge.portalmgr.manage");
	}

	/**
	 * Call eGain's API with the client's RestClient and WebClient, each after a token
	 * request of its own, and check that eGain saw both token requests and both calls
	 * with the token.
	 */
	static void callBoth(AssertableApplicationContext context, WireMockExtension egain) {
		assertThat(context).hasNotFailed();
		String viaRestClient = context.getBean(EgainRestClients.class).get("portal").get().uri("/api")
			.retrieve()
			.body(String.class);
		assertThat(viaRestClient).isEqualTo("answer");
		String viaWebClient = context.getBean(EgainWebClients.class).get("portal").get().uri("/api")
			.retrieve()
			.bodyToMono(String.class)
			.block(Duration.ofSeconds(10));
		assertThat(viaWebClient).isEqualTo("answer");
		assertThat(egain.findAll(postRequestedFor(urlPathEqualTo(TestClients.TOKEN_PATH)))).hasSize(1);
		assertThat(egain.findAll(getRequestedFor(urlPathEqualTo("/api")))).hasSize(2)
			.allSatisfy((call) -> assertThat(call.getHeader("Authorization")).isEqualTo("Bearer t1"));
	}

}
