package com.egain.auth.spring.sample.mvc;

import java.util.List;

import com.egain.auth.spring.EgainAccessTokens;
import com.egain.auth.spring.emulator.EmulatedEgainServer;
import com.egain.auth.spring.emulator.EmulatedEgainServer.ApiCall;
import com.egain.auth.spring.emulator.IssuedTokens.IssuedToken;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The MVC sample in emulator mode, called over HTTP: its endpoints return what the eGain
 * emulator served to the tokens it issued to the sample's two clients, through the
 * {@code portal} HTTP service group and the {@code visitor} RestClient.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("emulator")
class MvcSampleApplicationTests {

	@LocalServerPort
	private int port;

	@Autowired
	private EmulatedEgainServer emulator;

	@Autowired
	private EgainAccessTokens tokens;

	@Autowired
	private ArticleSearch articleSearch;

	private RestTestClient client;

	@BeforeEach
	void createClient() {
		this.client = RestTestClient.bindToServer().baseUrl("http://127.0.0.1:" + this.port).build();
	}

	@Test
	void articlesReturnTheEmulatorsSearchResultsForTheQuery() {
		this.client.get()
			.uri("/articles?q={q}", "password reset")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.query")
			.isEqualTo("password reset")
			.jsonPath("$.articles[0].id")
			.isEqualTo("EMU-1001")
			.jsonPath("$.articles[0].name")
			.isEqualTo("Getting started with password reset")
			.jsonPath("$.articles[1].name")
			.isEqualTo("Troubleshooting password reset")
			.jsonPath("$.totalCount")
			.isEqualTo(2);
	}

	@Test
	void articleSearchCarriesATokenTheEmulatorIssuedToThePortalClient() {
		int before = this.emulator.apiCalls().size();
		this.client.get().uri("/articles?q=printer").exchange().expectStatus().isOk();
		List<ApiCall> calls = this.emulator.apiCalls();
		assertThat(calls).hasSize(before + 1);
		assertThat(calls.get(before))
			.isEqualTo(new ApiCall(EmulatedEgainServer.ARTICLE_SEARCH_PATH, this.emulator.portalClient().clientId()));
		IssuedToken issued = this.emulator.tokens().valid(this.tokens.peek("portal").getTokenValue());
		assertThat(issued).isNotNull();
		assertThat(issued.clientId()).isEqualTo(this.emulator.portalClient().clientId());
		assertThat(issued.anonymous()).isFalse();
		assertThat(issued.scopes()).containsExactly("knowledge.portalmgr.read");
	}

	@Test
	void httpServiceInterfaceIsPreAuthorizedWhereverItIsInjected() {
		int before = this.emulator.apiCalls().size();
		ArticleResults results = this.articleSearch.search("router");
		assertThat(results.query()).isEqualTo("router");
		assertThat(results.totalCount()).isEqualTo(2);
		assertThat(results.articles()).extracting(ArticleResults.Article::name)
			.containsExactly("Getting started with router", "Troubleshooting router");
		assertThat(this.emulator.apiCalls()).hasSize(before + 1)
			.last()
			.isEqualTo(new ApiCall(EmulatedEgainServer.ARTICLE_SEARCH_PATH, this.emulator.portalClient().clientId()));
	}

	@Test
	void agentDetailsComeThroughATokenTheEmulatorIssuedToTheVisitorClient() {
		int before = this.emulator.apiCalls().size();
		this.client.get()
			.uri("/agents/support-bot")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.agentId")
			.isEqualTo("support-bot")
			.jsonPath("$.name")
			.isEqualTo("Emulated assistant support-bot");
		assertThat(this.emulator.apiCalls()).hasSize(before + 1)
			.last()
			.isEqualTo(new ApiCall(EmulatedEgainServer.AGENT_DETAILS_PATH + "support-bot",
					this.emulator.visitorClient().clientId()));
		IssuedToken issued = this.emulator.tokens().valid(this.tokens.peek("visitor").getTokenValue());
		assertThat(issued).isNotNull();
		assertThat(issued.anonymous()).isTrue();
		assertThat(issued.scopes()).containsExactly("core.aiservices.read");
	}

}
