package com.egain.auth.spring.autoconfigure.actuate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.egain.auth.spring.autoconfigure.EgainAuthAutoConfiguration;
import com.egain.auth.spring.credentials.EgainCredentials;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.actuate.autoconfigure.context.properties.ConfigurationPropertiesReportEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.env.EnvironmentEndpointAutoConfiguration;
import org.springframework.boot.actuate.context.properties.ConfigurationPropertiesReportEndpoint;
import org.springframework.boot.actuate.env.EnvironmentEndpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client secret stays out of the configprops and env endpoints even when an
 * application chooses to show their values.
 */
class EgainAuthActuatorAutoConfigurationTests {

	private static final String SECRET = "hh2Y0UE8FmaFBBawzMUua1OB8Ks4QWHNUyhDyZj1X7c";

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(EndpointAutoConfiguration.class,
				ConfigurationPropertiesReportEndpointAutoConfiguration.class, EnvironmentEndpointAutoConfiguration.class,
				WebClientAutoConfiguration.class, EgainAuthAutoConfiguration.class,
				EgainAuthActuatorAutoConfiguration.class))
		.withPropertyValues("management.endpoints.web.exposure.include=configprops,env",
				"management.endpoint.configprops.show-values=always", "management.endpoint.env.show-values=always",
				"egain.auth.clients.portal.token-uri=https://ai.egain.cloud/system/auth/TMPRODB88619984-U/oauth2/token",
				"egain.auth.clients.portal.client-id=visible-client-id",
				"egain.auth.clients.portal.client-secret=" + SECRET,
				"egain.auth.clients.portal.scopes=knowledge.portalmgr.manage");

	private static final String VISITOR_SECRET = "visitor-Qm9vbGVhbnMgYXJlIG5vdCBzZWNyZXRz";

	private static final String PROXY_PASSWORD = "Pr0xyPa55-not-for-actuator";

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void configpropsShowsTheClientIdButNotTheSecret() {
		this.runner.run((context) -> {
			String report = this.json
				.writeValueAsString(context.getBean(ConfigurationPropertiesReportEndpoint.class).configurationProperties());
			assertThat(report).contains("visible-client-id").doesNotContain(SECRET).contains("******");
		});
	}

	@Test
	void envMasksEveryPropertyWhoseValueIsAConfiguredSecretWhateverItsName() {
		this.runner
			.withPropertyValues("egain.auth.clients.visitor.type=anonymous-customer",
					"egain.auth.clients.visitor.client-id=visitor-id",
					"egain.auth.clients.visitor.client-secret=${EGAIN_VISITOR_CLIENT_SECRET}",
					"egain.auth.clients.visitor.scopes=core.aiservices.read",
					"EGAIN_VISITOR_CLIENT_SECRET=" + VISITOR_SECRET, "partner.copy-of-the-secret= " + SECRET,
					"partner.unrelated=still-visible")
			.run((context) -> {
				String report = this.json
					.writeValueAsString(context.getBean(EnvironmentEndpoint.class).environment(null));
				assertThat(report).contains("EGAIN_VISITOR_CLIENT_SECRET")
					.contains("partner.copy-of-the-secret")
					.contains("still-visible")
					.doesNotContain(VISITOR_SECRET)
					.doesNotContain(SECRET);
			});
	}

	@Test
	void envMasksAPropertyWhoseValueIsTheSecretThatARotationBrought(@TempDir Path directory) throws IOException {
		String rotated = "rotated-c2VjcmV0LWFmdGVyLXJvdGF0aW9u";
		Path file = Files.writeString(directory.resolve("client-secret"), "first-secret-value\n");
		this.runner
			.withPropertyValues("egain.auth.clients.portal.client-secret=", "egain.auth.clients.portal.client-secret-file=" + file,
					"partner.copy-of-the-new-secret=" + rotated)
			.run((context) -> {
				Files.writeString(file, rotated + "\n");
				context.getBean(EgainCredentials.class).find("portal").current();
				String report = this.json
					.writeValueAsString(context.getBean(EnvironmentEndpoint.class).environment(null));
				assertThat(report).contains("partner.copy-of-the-new-secret").doesNotContain(rotated);
			});
	}

	@Test
	void configpropsMasksAnApplicationPropertyWhoseValueIsAConfiguredSecret() {
		this.runner.withUserConfiguration(PartnerPropertiesConfiguration.class)
			.withPropertyValues("partner.api-key=" + SECRET, "partner.name=visible-partner")
			.run((context) -> {
				String report = this.json.writeValueAsString(
						context.getBean(ConfigurationPropertiesReportEndpoint.class).configurationProperties());
				assertThat(report).contains("visible-partner").doesNotContain(SECRET);
			});
	}

	@Test
	void envShowsTheClientIdButNotTheSecret() {
		this.runner.run((context) -> {
			String report = this.json.writeValueAsString(context.getBean(EnvironmentEndpoint.class).environment(null));
			assertThat(report).contains("visible-client-id").doesNotContain(SECRET);
		});
	}

	@Test
	void proxyPasswordIsMaskedInEnvAndConfigpropsWhateverItsPropertyIsCalled() {
		this.runner
			.withPropertyValues("egain.auth.proxy.host=proxy.corp.example.com", "egain.auth.proxy.port=3128",
					"egain.auth.proxy.username=corp-user", "egain.auth.proxy.password=${CORP_PROXY_PASSWORD}",
					"CORP_PROXY_PASSWORD=" + PROXY_PASSWORD)
			.run((context) -> {
				String env = this.json.writeValueAsString(context.getBean(EnvironmentEndpoint.class).environment(null));
				String configprops = this.json.writeValueAsString(
						context.getBean(ConfigurationPropertiesReportEndpoint.class).configurationProperties());
				assertThat(env).contains("CORP_PROXY_PASSWORD").contains("corp-user").doesNotContain(PROXY_PASSWORD);
				assertThat(configprops).contains("proxy.corp.example.com").doesNotContain(PROXY_PASSWORD);
			});
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(PartnerProperties.class)
	static class PartnerPropertiesConfiguration {

	}

	@ConfigurationProperties("partner")
	static class PartnerProperties {

		private String name;

		private String apiKey;

		public String getName() {
			return this.name;
		}

		public void setName(String name) {
			this.name = name;
		}

		public String getApiKey() {
			return this.apiKey;
		}

		public void setApiKey(String apiKey) {
			this.apiKey = apiKey;
		}

	}

}
