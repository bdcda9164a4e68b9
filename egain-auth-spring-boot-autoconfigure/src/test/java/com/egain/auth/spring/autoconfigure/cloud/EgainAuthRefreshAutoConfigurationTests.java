package com.egain.auth.spring.autoconfigure.cloud;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import com.egain.auth.spring.EgainAccessTokens;
import com.egain.auth.spring.FormBody;
import com.egain.auth.spring.LogCapture;
import com.egain.auth.spring.TestClients;
import com.egain.auth.spring.autoconfigure.EgainAuthAutoConfiguration;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.cloud.autoconfigure.ConfigurationPropertiesRebinderAutoConfiguration;
import org.springframework.cloud.autoconfigure.RefreshAutoConfiguration;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.cloud.context.refresh.ContextRefresher;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.OAuth2AccessToken;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Cloud's refresh of a configuration file: a changed client secret or client id
 * is sent by the next token request, a changed other property is named in a WARN line.
 */
@ExtendWith(OutputCaptureExtension.class)
class EgainAuthRefreshAutoConfigurationTests {

	private static final String OLD_SECRET = "old-refreshable-Tq83";

	private static final String NEW_SECRET = "new-refreshable-Wz51";

	@RegisterExtension
	WireMockExtension egain = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	@TempDir
	Path directory;

	private Path config;

	@BeforeEach
	void setUp() {
		this.config = this.directory.resolve("egain.properties");
		this.egain.stubFor(post(urlPathEqualTo(TestClients.TOKEN_PATH))
			.willReturn(okJson("{\"access_token\":\"tok-{{randomValue length=16 type='ALPHANUMERIC'}}\","
					+ "\"token_type\":\"Bearer\",\"expires_in\":3600}")
				.withTransformers("response-template")));
	}

	// The application leaves the test's logging as it is, so that LogCapture sees its lines.
	@BeforeAll
	static void keepLogging() {
		System.setProperty(LoggingSystem.SYSTEM_PROPERTY, LoggingSystem.NONE);
	}

	@AfterAll
	static void restoreLogging() {
		System.clearProperty(LoggingSystem.SYSTEM_PROPERTY);
	}

	@Test
	void refreshedClientSecretIsSentByTheNextTokenRequest() throws IOException {
		writeConfig("portal-id", OLD_SECRET, "knowledge.portalmgr.manage");
		try (LogCapture logs = new LogCapture(); ConfigurableApplicationContext context = start()) {
			EgainAccessTokens tokens = context.getBean(EgainAccessTokens.class);
			OAuth2AccessToken first = tokens.get("portal").block(Duration.ofSeconds(5));
			assertThat(lastForm()).containsEntry("client_secret", OLD_SECRET);
			writeConfig("portal-id", NEW_SECRET, "knowledge.portalmgr.manage");
			Set<String> changed = context.getBean(ContextRefresher.class).refresh();
			assertThat(changed).contains("egain.auth.clients.portal.client-secret");
			tokens.invalidate("portal", first).then(tokens.get("portal")).block(Duration.ofSeconds(5));
			assertThat(lastForm()).containsEntry("client_secret", NEW_SECRET);
			assertThat(logs.text()).contains("INFO eGain client 'portal': client secret changed (source: property)")
				.doesNotContain(OLD_SECRET)
				.doesNotContain(NEW_SECRET);
		}
	}

	@Test
	void refreshedClientIdIsSentByTheNextTokenRequest() throws IOException {
		writeConfig("portal-id", OLD_SECRET, "knowledge.portalmgr.manage");
		try (ConfigurableApplicationContext context = start()) {
			EgainAccessTokens tokens = context.getBean(EgainAccessTokens.class);
			OAuth2AccessToken first = tokens.get("portal").block(Duration.ofSeconds(5));
			writeConfig("portal-id-2", OLD_SECRET, "knowledge.portalmgr.manage");
			context.getBean(ContextRefresher.class).refresh();
			tokens.invalidate("portal", first).then(tokens.get("portal")).block(Duration.ofSeconds(5));
			assertThat(lastForm()).containsEntry("client_id", "portal-id-2");
		}
	}

	@Test
	void refreshedOtherClientPropertyIsNamedInAWarningAsNeedingARestart(CapturedOutput output) throws IOException {
		writeConfig("portal-id", OLD_SECRET, "knowledge.portalmgr.manage");
		try (ConfigurableApplicationContext context = start()) {
			EgainAccessTokens tokens = context.getBean(EgainAccessTokens.class);
			OAuth2AccessToken first = tokens.get("portal").block(Duration.ofSeconds(5));
			writeConfig("portal-id", OLD_SECRET, "knowledge.portalmgr.manage,core.aiservices.read");
			context.getBean(ContextRefresher.class).refresh();
			tokens.invalidate("portal", first).then(tokens.get("portal")).block(Duration.ofSeconds(5));
			assertThat(lastForm()).containsEntry("scope", "knowledge.portalmgr.manage");
		}
		assertThat(output).containsPattern("WARN .*eGain properties changed that take effect only after a restart: "
				+ "egain.auth.clients.portal.scopes");
	}

	@Test
	void withoutSpringCloudThereIsNoListener() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(EgainAuthAutoConfiguration.class,
					EgainAuthRefreshAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader(EnvironmentChangeEvent.class))
			.withPropertyValues("egain.auth.clients.portal.token-uri=" + this.egain.baseUrl() + TestClients.TOKEN_PATH,
					"egain.auth.clients.portal.client-id=id", "egain.auth.clients.portal.client-secret=" + OLD_SECRET,
					"egain.auth.clients.portal.scopes=knowledge.portalmgr.manage")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(EgainEnvironmentChangeListener.class)
				.hasSingleBean(EgainAccessTokens.class));
	}

	private void writeConfig(String clientId, String secret, String scopes) throws IOException {
		Files.writeString(this.config,
				"egain.auth.clients.portal.token-uri=" + this.egain.baseUrl() + TestClients.TOKEN_PATH + "\n"
						+ "egain.auth.clients.portal.client-id=" + clientId + "\n"
						+ "egain.auth.clients.portal.client-secret=" + secret + "\n"
						+ "egain.auth.clients.portal.scopes=" + scopes + "\n");
	}

	private ConfigurableApplicationContext start() {
		return new SpringApplicationBuilder(Config.class).web(WebApplicationType.NONE)
			.properties("spring.main.banner-mode=off", "spring.config.import=file:" + this.config)
			.run();
	}

	private java.util.Map<String, String> lastForm() {
		List<LoggedRequest> requests = this.egain.findAll(postRequestedFor(urlPathEqualTo(TestClients.TOKEN_PATH)));
		return FormBody.parse(requests.get(requests.size() - 1).getBodyAsString());
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ RefreshAutoConfiguration.class, ConfigurationPropertiesRebinderAutoConfiguration.class,
			EgainAuthAutoConfiguration.class, EgainAuthRefreshAutoConfiguration.class })
	static class Config {

	}

}
