package com.egain.auth.spring.test;

import java.net.URI;

import com.egain.auth.spring.EgainClient;
import com.egain.auth.spring.EgainClientAuthorizationException;
import com.egain.auth.spring.EgainClientRegistrations;
import com.egain.auth.spring.EgainRestClients;
import com.egain.auth.spring.EgainWebClients;
import com.egain.auth.spring.test.consumer.ConsumerApplication.AgentService;
import com.egain.auth.spring.test.consumer.ConsumerApplication.ArticleService;
import com.egain.auth.spring.test.consumer.ConsumerApplication;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.reactive.function.client.WebClient;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A consumer application whose {@code application.yml} names the real eGain, tested as
 * its developers would with {@link AutoConfigureEgainEmulator}.
 */
@SpringBootTest(classes = ConsumerApplication.class)
@AutoConfigureEgainEmulator
class AutoConfigureEgainEmulatorTests {

	private static final String ARTICLE = "/knowledge/portalmgr/v4/articles/1";

	@Autowired
	EgainEmulator emulator;

	@Autowired
	ArticleService articles;

	@Autowired
	AgentService agents;

	@Autowired
	EgainClientRegistrations registrations;

	@Autowired
	ConfigurableEnvironment environment;

	@Autowired
	EgainWebClients webClients;

	@Autowired
	EgainRestClients restClients;

	@Test
	void serviceGetsTheStubbedAnswerThroughItsQualifiedWebClientWithOneTokenRequest() {
		this.emulator.api().register(get(urlPathEqualTo(ARTICLE)).willReturn(okJson("{\"id\":\"1\"}")));
		assertThat(this.articles.article("1").block()).isEqualTo("{\"id\":\"1\"}");
		assertThat(this.articles.article("1").block()).isEqualTo("{\"id\":\"1\"}");
		assertThat(this.emulator.tokenRequestCount("portal")).isEqualTo(1);
	}

	@Test
	void afterRevocationTheNextCallStillSucceedsWithARenewedToken() {
		this.emulator.api().register(get(urlPathEqualTo(ARTICLE)).willReturn(okJson("{\"id\":\"1\"}")));
		this.articles.article("1").block();
		this.emulator.revokeTokens("portal");
		assertThat(this.articles.article("1").block()).isEqualTo("{\"id\":\"1\"}");
		assertThat(this.emulator.tokenRequestCount("portal")).isEqualTo(2);
	}

	@Test
	void withFailingTokenRequestsACallFailsWithTheStartersTypedError() {
		this.emulator.api().register(get(urlPathEqualTo(ARTICLE)).willReturn(okJson("{\"id\":\"1\"}")));
		this.emulator.failTokenRequests("portal", 503);
		assertThatExceptionOfType(EgainClientAuthorizationException.class)
			.isThrownBy(() -> this.articles.article("1").block())
			.satisfies((ex) -> {
				assertThat(ex.getClientName()).isEqualTo("portal");
				assertThat(ex.getStatusCode()).isEqualTo(HttpStatusCode.valueOf(503));
				assertThat(ex.getError().getErrorCode()).isEqualTo("temporarily_unavailable");
			});
	}

	@Test
	void anonymousCustomerClientIsEmulatedWithItsTenantAndPrefixedScopes() {
		this.emulator.api()
			.register(get(urlPathEqualTo("/core/aiservices/v4/aiagent/details/agent/bot"))
				.willReturn(okJson("{\"agentId\":\"bot\"}")));
		assertThat(this.agents.agent("bot")).isEqualTo("{\"agentId\":\"bot\"}");
		assertThat(this.emulator.tokenRequestCount("visitor")).isEqualTo(1);
		assertThat(this.registrations.get("visitor").getTenantId()).isEqualTo("TMPRODB88619984");
	}

	@Test
	void theRegistriesClientsReachTheEmulatorWithTheSameToken() {
		this.emulator.api().register(get(urlPathEqualTo(ARTICLE)).willReturn(okJson("{\"id\":\"1\"}")));
		assertThat(this.webClients.get("portal").get().uri(ARTICLE).retrieve().bodyToMono(String.class).block())
			.isEqualTo("{\"id\":\"1\"}");
		assertThat(this.restClients.builder("portal").build().get().uri(ARTICLE).retrieve().body(String.class))
			.isEqualTo("{\"id\":\"1\"}");
		assertThat(this.emulator.tokenRequestCount("portal")).isEqualTo(1);
	}

	@Test
	void apiCallWithoutATokenIsRefusedBeforeAnyStub() {
		this.emulator.api().register(get(urlPathEqualTo(ARTICLE)).willReturn(okJson("{\"id\":\"1\"}")));
		int status = WebClient.create(this.emulator.baseUrl())
			.get()
			.uri(ARTICLE)
			.exchangeToMono((response) -> response.releaseBody().thenReturn(response.statusCode().value()))
			.block();
		assertThat(status).isEqualTo(401);
	}

	@Test
	void everyClientPointsAtTheLoopbackEmulatorWhileApplicationYmlKeepsTheRealUrls() {
		for (EgainClient client : this.registrations) {
			URI tokenUri = URI.create(client.getRegistration().getProviderDetails().getTokenUri());
			assertThat(tokenUri.toString()).startsWith(this.emulator.baseUrl());
			assertThat(client.getBaseUrl().toString()).isEqualTo(this.emulator.baseUrl());
			assertThat(client.getAllowedOrigins()).isEmpty();
		}
		assertThat(this.emulator.baseUrl()).startsWith("http://127.0.0.1:");
		PropertySource<?> applicationYml = this.environment.getPropertySources()
			.stream()
			.filter((source) -> source.getName().contains("application.yml"))
			.findFirst()
			.orElseThrow();
		assertThat(applicationYml.getProperty("egain.auth.clients.portal.token-uri")).hasToString(
				"https://ai.egain.cloud/system/auth/TMPRODB88619984-U/oauth2/token");
	}

}
