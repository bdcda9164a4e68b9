package com.egain.auth.spring.autoconfigure;

import java.util.List;
import java.util.Set;

import com.egain.auth.spring.EgainAccessTokens;
import com.egain.auth.spring.LogCapture;
import com.egain.auth.spring.TestClients;
import com.egain.auth.spring.autoconfigure.actuate.EgainAuthHealthAutoConfiguration;
import com.egain.auth.spring.autoconfigure.metrics.EgainAuthMetricsAutoConfiguration;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.CompositeReactiveHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A token granted fewer scopes than requested is reported: one WARN line per token, a
 * metric, and the granted scopes in the client's status and health. Real token endpoint
 * on loopback; scopes compared as sent, anonymous-customer prefix included.
 */
class EgainScopeDowngradeTests {

	private static final String ANONYMOUS_PATH = "/core/authmgr/v3/oauth2/v2.0/anonymous/token";

	private static final String PREFIX = "https://api.ai.egain.cloud/auth/";

	private static final String TOKEN = "scoped-token-value-7f3a";

	@RegisterExtension
	WireMockExtension egain = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private ApplicationContextRunner runner;

	@BeforeEach
	void setUp() {
		String server = this.egain.baseUrl();
		this.runner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
					SimpleMetricsExportAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
					EgainAuthMetricsAutoConfiguration.class, EgainAuthAutoConfiguration.class,
					EgainAuthHealthAutoConfiguration.class))
			.withPropertyValues("egain.auth.api-base-url=" + server,
					"egain.auth.clients.portal.token-uri=" + server + TestClients.TOKEN_PATH,
					"egain.auth.clients.portal.client-id=" + TestClients.CLIENT_ID,
					"egain.auth.clients.portal.client-secret=" + TestClients.CLIENT_SECRET,
					"egain.auth.clients.portal.scopes=knowledge.portalmgr.manage,knowledge.portalmgr.read",
					"egain.auth.clients.visitor.type=anonymous-customer",
					"egain.auth.clients.visitor.tenant-id=" + TestClients.TENANT,
					"egain.auth.clients.visitor.client-id=visitor-id",
					"egain.auth.clients.visitor.client-secret=visitor-secret",
					"egain.auth.clients.visitor.scopes=core.aiservices.read,core.aiservices.manage");
	}

	@Test
	void eachTokenGrantedFewerScopesLogsOneWarnLineNamingTheMissingScopesAndIsCounted() {
		stubToken(TestClients.TOKEN_PATH, "knowledge.portalmgr.read");
		try (LogCapture logs = new LogCapture()) {
			this.runner.run((context) -> {
				EgainAccessTokens tokens = context.getBean(EgainAccessTokens.class);
				tokens.get("portal").block();
				tokens.get("portal").block();
				tokens.invalidate("portal", tokens.peek("portal")).block();
				tokens.get("portal").block();
				assertThat(downgrades(context, "portal")).isEqualTo(2);
			});
			assertThat(warnLines(logs)).hasSize(2)
				.allSatisfy((line) -> assertThat(line).contains("client 'portal'")
					.contains("missing 'knowledge.portalmgr.manage'")
					.contains("granted 'knowledge.portalmgr.read'"));
			assertThat(logs.text()).doesNotContain(TOKEN);
		}
	}

	@Test
	void statusAndHealthShowTheGrantedScopes() {
		stubToken(TestClients.TOKEN_PATH, "knowledge.portalmgr.read");
		this.runner.run((context) -> {
			EgainAccessTokens tokens = context.getBean(EgainAccessTokens.class);
			tokens.get("portal").block();
			assertThat(tokens.status("portal").grantedScopes()).containsExactly("knowledge.portalmgr.read");
			Health health = ((ReactiveHealthIndicator) context
				.getBean("egainAuthHealthContributor", CompositeReactiveHealthContributor.class)
				.getContributor("portal")).health().block();
			assertThat(health.getDetails()).containsEntry("grantedScopes", Set.of("knowledge.portalmgr.read"));
		});
	}

	@Test
	void responseWithoutScopeGrantsTheRequestedScopesAndReportsNothing() {
		this.egain.stubFor(post(urlPathEqualTo(TestClients.TOKEN_PATH))
			.willReturn(okJson(TestClients.tokenJson(TOKEN, 3600))));
		try (LogCapture logs = new LogCapture()) {
			this.runner.run((context) -> {
				EgainAccessTokens tokens = context.getBean(EgainAccessTokens.class);
				tokens.get("portal").block();
				assertThat(tokens.status("portal").grantedScopes()).containsExactly("knowledge.portalmgr.manage",
						"knowledge.portalmgr.read");
				assertThat(downgrades(context, "portal")).isZero();
			});
			assertThat(warnLines(logs)).isEmpty();
		}
	}

	@Test
	void anonymousCustomerGrantedEveryPrefixedScopeItSentReportsNothing() {
		stubToken(ANONYMOUS_PATH, PREFIX + "core.aiservices.manage " + PREFIX + "core.aiservices.read");
		try (LogCapture logs = new LogCapture()) {
			this.runner.run((context) -> {
				context.getBean(EgainAccessTokens.class).get("visitor").block();
				assertThat(downgrades(context, "visitor")).isZero();
			});
			assertThat(warnLines(logs)).isEmpty();
		}
	}

	@Test
	void anonymousCustomerGrantedFewerScopesNamesTheMissingScopeAsSent() {
		stubToken(ANONYMOUS_PATH, PREFIX + "core.aiservices.read");
		try (LogCapture logs = new LogCapture()) {
			this.runner.run((context) -> {
				context.getBean(EgainAccessTokens.class).get("visitor").block();
				assertThat(downgrades(context, "visitor")).isEqualTo(1);
			});
			assertThat(warnLines(logs)).singleElement()
				.asString()
				.contains("client 'visitor'")
				.contains("missing '" + PREFIX + "core.aiservices.manage'");
		}
	}

	private void stubToken(String path, String scope) {
		this.egain.stubFor(post(urlPathEqualTo(path)).willReturn(okJson("{\"access_token\":\"" + TOKEN
				+ "\",\"token_type\":\"Bearer\",\"expires_in\":3600,\"scope\":\"" + scope + "\"}")));
	}

	private static double downgrades(AssertableApplicationContext context, String client) {
		Counter counter = context.getBean(MeterRegistry.class)
			.find("egain.auth.token.scope.downgrade")
			.tag("client", client)
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

	private static List<String> warnLines(LogCapture logs) {
		return logs.text().lines().filter((line) -> line.startsWith("WARN") && line.contains("fewer scopes")).toList();
	}

}
