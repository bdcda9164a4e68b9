package com.egain.auth.spring.autoconfigure;

import java.util.List;

import com.egain.auth.spring.autoconfigure.InvalidEgainConfigurationException.Problem;
import com.egain.auth.spring.http.EgainProxy;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The proxy and SSL bundle settings: which hosts go through the proxy, what is shown of
 * them, and the mistakes that stop the start-up.
 */
class EgainConnectionSettingsTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(EgainAuthAutoConfiguration.class));

	private static EgainProxy proxy(String... nonProxyHosts) {
		EgainAuthProperties.Proxy properties = new EgainAuthProperties.Proxy();
		properties.setHost("proxy.corp.example.com");
		properties.setPort(3128);
		properties.setUsername("corp-user");
		properties.setPassword("Pr0xyPa55");
		properties.setNonProxyHosts(List.of(nonProxyHosts));
		return PropertiesEgainConnectionSettings.proxy(properties);
	}

	@Test
	void everyHostGoesThroughTheProxyLoopbackIncluded() {
		EgainProxy proxy = proxy();
		assertThat(proxy.appliesTo("ai.egain.cloud")).isTrue();
		assertThat(proxy.appliesTo("localhost")).isTrue();
		assertThat(proxy.appliesTo("127.0.0.1")).isTrue();
		assertThat(proxy.appliesTo("[::1]")).isTrue();
	}

	@Test
	void nonProxyHostsMatchAsTheJvmsDoWithWildcardsAtEitherEndAndPipes() {
		EgainProxy proxy = proxy("localhost|*.corp.example.com", "127.*", "[::1]");
		assertThat(proxy.appliesTo("LOCALHOST")).isFalse();
		assertThat(proxy.appliesTo("wiki.corp.example.com")).isFalse();
		assertThat(proxy.appliesTo("127.0.0.1")).isFalse();
		assertThat(proxy.appliesTo("[::1]")).isFalse();
		assertThat(proxy.appliesTo("corp.example.com.evil.test")).isTrue();
		assertThat(proxy.appliesTo("ai.egain.cloud")).isTrue();
	}

	@Test
	void proxyShowsItsAddressAndUserButNeverThePassword() {
		EgainProxy proxy = proxy();
		assertThat(proxy.address()).isEqualTo("proxy.corp.example.com:3128");
		assertThat(proxy.toString()).contains("proxy.corp.example.com:3128").contains("corp-user")
			.doesNotContain("Pr0xyPa55");
	}

	@Test
	void proxyMistakesStopTheStartUpWithTheClientsOwnAllAtOnce() {
		this.runner
			.withPropertyValues("egain.auth.proxy.host=http://proxy.corp.example.com",
					"egain.auth.proxy.password=Pr0xyPa55",
					"egain.auth.clients.portal.token-uri=https://ai.egain.cloud/system/auth/T1-U/oauth2/token",
					"egain.auth.clients.portal.client-id=id", "egain.auth.clients.portal.scopes=s")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOfSatisfying(InvalidEgainConfigurationException.class, (ex) -> {
					assertThat(ex.getProblems()).extracting(Problem::property)
						.containsExactly("egain.auth.clients.portal.client-secret", "egain.auth.proxy.host",
								"egain.auth.proxy.port", "egain.auth.proxy.username");
					assertThat(ex.getMessage()).doesNotContain("Pr0xyPa55");
				}));
	}

	@Test
	void sslBundleWithoutAnySslBundlesStopsTheStartUp() {
		this.runner
			.withPropertyValues("egain.auth.ssl-bundle=corp",
					"egain.auth.clients.portal.token-uri=https://ai.egain.cloud/system/auth/T1-U/oauth2/token",
					"egain.auth.clients.portal.client-id=id", "egain.auth.clients.portal.client-secret=secret",
					"egain.auth.clients.portal.scopes=s")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOfSatisfying(InvalidEgainConfigurationException.class,
						(ex) -> assertThat(ex.getProblems()).singleElement().satisfies((problem) -> {
							assertThat(problem.property()).isEqualTo("egain.auth.ssl-bundle");
							assertThat(problem.action()).contains("spring.ssl.bundle.pem.corp");
						})));
	}

}
