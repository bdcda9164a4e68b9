package com.egain.auth.spring.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import com.egain.auth.spring.EgainAccessTokens;
import com.egain.auth.spring.EgainClientSecretSource;
import com.egain.auth.spring.FormBody;
import com.egain.auth.spring.TestClients;
import com.egain.auth.spring.autoconfigure.metrics.EgainAuthMetricsAutoConfiguration;
import com.egain.auth.spring.metrics.MicrometerEgainAuthMetrics;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.security.oauth2.core.OAuth2AccessToken;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application's {@link EgainClientSecretSource} supplies a client's secret at each
 * token request; a change of it is counted as a rotation.
 */
class EgainClientSecretSourceTests {

	@RegisterExtension
	WireMockExtension egain = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private final AtomicReference<String> vault = new AtomicReference<>("vault-secret-1");

	private ApplicationContextRunner runner;

	@BeforeEach
	void setUp() {
		this.egain.stubFor(post(urlPathEqualTo(TestClients.TOKEN_PATH))
			.willReturn(okJson("{\"access_token\":\"tok-{{randomValue length=16 type='ALPHANUMERIC'}}\","
					+ "\"token_type\":\"Bearer\",\"expires_in\":3600}")
				.withTransformers("response-template")));
		this.runner = new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(EgainAuthMetricsAutoConfiguration.class, EgainAuthAutoConfiguration.class))
			.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.withBean(EgainClientSecretSource.class, () -> (clientName) -> this.vault.get())
			.withPropertyValues("egain.auth.clients.portal.token-uri=" + this.egain.baseUrl() + TestClients.TOKEN_PATH,
					"egain.auth.clients.portal.client-id=portal-id",
					"egain.auth.clients.portal.scopes=knowledge.portalmgr.manage");
	}

	@Test
	void aClientWithoutSecretPropertiesTakesItsSecretFromTheSourceAtEachTokenRequest() {
		this.runner.run((context) -> {
			EgainAccessTokens tokens = context.getBean(EgainAccessTokens.class);
			OAuth2AccessToken first = tokens.get("portal").block(Duration.ofSeconds(5));
			assertThat(lastForm()).containsEntry("client_secret", "vault-secret-1");
			this.vault.set("vault-secret-2");
			tokens.invalidate("portal", first).then(tokens.get("portal")).block(Duration.ofSeconds(5));
			assertThat(lastForm()).containsEntry("client_secret", "vault-secret-2");
			assertThat(context.getBean(MeterRegistry.class)
				.get(MicrometerEgainAuthMetrics.CREDENTIALS_CHANGED)
				.tags("client", "portal", "source", "bean")
				.counter()
				.count()).isOne();
		});
	}

	@Test
	void theSourceComesBeforeTheClientSecretProperty() {
		this.runner.withPropertyValues("egain.auth.clients.portal.client-secret=property-secret").run((context) -> {
			context.getBean(EgainAccessTokens.class).get("portal").block(Duration.ofSeconds(5));
			assertThat(lastForm()).containsEntry("client_secret", "vault-secret-1");
		});
	}

	@Test
	void aSourceWithoutASecretForTheClientLeavesItToTheClientSecretProperty() {
		this.vault.set(null);
		this.runner.withPropertyValues("egain.auth.clients.portal.client-secret=property-secret").run((context) -> {
			context.getBean(EgainAccessTokens.class).get("portal").block(Duration.ofSeconds(5));
			assertThat(lastForm()).containsEntry("client_secret", "property-secret");
		});
	}

	private Map<String, String> lastForm() {
		List<LoggedRequest> requests = this.egain.findAll(postRequestedFor(urlPathEqualTo(TestClients.TOKEN_PATH)));
		return FormBody.parse(requests.get(requests.size() - 1).getBodyAsString());
	}

}
