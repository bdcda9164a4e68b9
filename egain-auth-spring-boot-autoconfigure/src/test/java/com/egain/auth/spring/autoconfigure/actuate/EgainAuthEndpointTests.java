package com.egain.auth.spring.autoconfigure.actuate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.egain.auth.spring.EgainAccessTokens;
import com.egain.auth.spring.TestClients;
import com.egain.auth.spring.autoconfigure.EgainAuthAutoConfiguration;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.jackson.JacksonEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementContextAutoConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.http.codec.autoconfigure.CodecsAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.reactor.netty.autoconfigure.NettyReactiveWebServerAutoConfiguration;
import org.springframework.boot.webflux.autoconfigure.HttpHandlerAutoConfiguration;
import org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.web.reactive.function.client.WebClient;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The egainauth endpoint over real HTTP, in a reactive web application whose client
 * secret is a file on disk.
 */
class EgainAuthEndpointTests {

	private static final String SECRET = "file-secret-Zx81Pq";

	@RegisterExtension
	WireMockExtension egain = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	@TempDir
	Path directory;

	private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

	private Path secretFile;

	@BeforeEach
	void setUp() throws IOException {
		this.secretFile = Files.writeString(this.directory.resolve("client-secret"), SECRET + "\n");
		this.egain.stubFor(post(urlPathEqualTo(TestClients.TOKEN_PATH))
			.willReturn(okJson("{\"access_token\":\"tok-{{randomValue length=16 type='ALPHANUMERIC'}}\","
					+ "\"token_type\":\"Bearer\",\"expires_in\":3600,\"scope\":\"knowledge.portalmgr.manage\"}")
				.withTransformers("response-template")));
	}

	@AfterEach
	void close() {
		this.contexts.forEach(ConfigurableApplicationContext::close);
	}

	@Test
	void getShowsAValidTokenWithItsTimesAndNeverTheTokenOrTheSecret() {
		ConfigurableApplicationContext context = start("management.endpoints.web.exposure.include=egainauth");
		String token = context.getBean(EgainAccessTokens.class).get("portal").block(Duration.ofSeconds(5))
			.getTokenValue();
		String body = http(context).get().uri("/actuator/egainauth").retrieve().bodyToMono(String.class).block();
		assertThat(body).contains("{\"clients\":{\"portal\":{")
			.contains("\"type\":\"client-app\"")
			.contains("\"tokenEndpoint\":\"" + this.egain.baseUrl() + TestClients.TOKEN_PATH + "\"")
			.contains("\"requestedScopes\":[\"knowledge.portalmgr.manage\"]")
			.contains("\"grantedScopes\":[\"knowledge.portalmgr.manage\"]")
			.containsPattern("\"token\":\\{\"state\":\"valid\",\"issuedAt\":\"[^\"]+\",\"expiresAt\":\"[^\"]+\","
					+ "\"refreshAt\":\"[^\"]+\"}")
			.contains("\"lastFailure\":null")
			.contains("\"secret\":{\"source\":\"file\",\"path\":\"" + this.secretFile + "\",\"changedAt\":")
			.contains("\"tokenStore\":{\"type\":\"in-memory\"}")
			.doesNotContain(token)
			.doesNotContain(SECRET);
	}

	@Test
	void getBeforeAnyCallShowsNoToken() {
		ConfigurableApplicationContext context = start("management.endpoints.web.exposure.include=egainauth");
		String body = http(context).get().uri("/actuator/egainauth").retrieve().bodyToMono(String.class).block();
		assertThat(body).contains("\"token\":{\"state\":\"none\",\"issuedAt\":null,\"expiresAt\":null");
		assertThat(this.egain.findAll(postRequestedFor(urlPathEqualTo(TestClients.TOKEN_PATH)))).isEmpty();
	}

	@Test
	void postRenewsTheTokenWithExactlyOneTokenRequest() {
		ConfigurableApplicationContext context = start("management.endpoints.web.exposure.include=egainauth");
		EgainAccessTokens tokens = context.getBean(EgainAccessTokens.class);
		String before = tokens.get("portal").block(Duration.ofSeconds(5)).getTokenValue();
		String body = http(context).post().uri("/actuator/egainauth/portal").retrieve().bodyToMono(String.class)
			.block();
		assertThat(this.egain.findAll(postRequestedFor(urlPathEqualTo(TestClients.TOKEN_PATH)))).hasSize(2);
		assertThat(body).contains("\"type\":\"client-app\"").contains("\"state\":\"valid\"");
		String after = tokens.get("portal").block(Duration.ofSeconds(5)).getTokenValue();
		assertThat(after).isNotEqualTo(before);
		assertThat(body).doesNotContain(after).doesNotContain(SECRET);
		assertThat(this.egain.findAll(postRequestedFor(urlPathEqualTo(TestClients.TOKEN_PATH)))).hasSize(2);
	}

	@Test
	void postForAnUnknownClientIsNotFound() {
		ConfigurableApplicationContext context = start("management.endpoints.web.exposure.include=egainauth");
		ResponseEntity<String> response = http(context).post().uri("/actuator/egainauth/nobody").exchangeToMono(
				(answer) -> answer.toEntity(String.class)).block();
		assertThat(response.getStatusCode()).isEqualTo(HttpStatusCode.valueOf(404));
		assertThat(this.egain.findAll(postRequestedFor(urlPathEqualTo(TestClients.TOKEN_PATH)))).isEmpty();
	}

	@Test
	void notReachableOverHttpUnlessTheApplicationExposesIt() {
		ConfigurableApplicationContext context = start();
		ResponseEntity<String> response = http(context).get().uri("/actuator/egainauth").exchangeToMono(
				(answer) -> answer.toEntity(String.class)).block();
		assertThat(response.getStatusCode()).isEqualTo(HttpStatusCode.valueOf(404));
	}

	private ConfigurableApplicationContext start(String... properties) {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(Config.class)
			.web(WebApplicationType.REACTIVE)
			.properties("spring.main.banner-mode=off", "server.port=0", "server.address=127.0.0.1",
					"egain.auth.clients.portal.token-uri=" + this.egain.baseUrl() + TestClients.TOKEN_PATH,
					"egain.auth.clients.portal.client-id=portal-id",
					"egain.auth.clients.portal.client-secret-file=" + this.secretFile,
					"egain.auth.clients.portal.scopes=knowledge.portalmgr.manage")
			.properties(properties)
			.run();
		this.contexts.add(context);
		return context;
	}

	private static WebClient http(ConfigurableApplicationContext context) {
		return WebClient.create("http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port"));
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ NettyReactiveWebServerAutoConfiguration.class, HttpHandlerAutoConfiguration.class,
			WebFluxAutoConfiguration.class, CodecsAutoConfiguration.class, JacksonAutoConfiguration.class,
			EndpointAutoConfiguration.class, WebEndpointAutoConfiguration.class, JacksonEndpointAutoConfiguration.class,
			ManagementContextAutoConfiguration.class, EgainAuthAutoConfiguration.class,
			EgainAuthEndpointAutoConfiguration.class })
	static class Config {

	}

}
