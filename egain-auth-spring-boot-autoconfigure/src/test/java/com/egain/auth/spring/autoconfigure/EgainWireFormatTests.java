package com.egain.auth.spring.autoconfigure;

import java.util.List;
import java.util.Map;

import com.egain.auth.spring.EgainAccessTokens;
import com.egain.auth.spring.EgainWebClients;
import com.egain.auth.spring.FormBody;
import com.egain.auth.spring.TestClients;
import com.egain.auth.spring.autoconfigure.web.reactive.EgainWebClientAutoConfiguration;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.web.reactive.function.client.WebClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The requests on the wire, for both variants, exactly as eGain's client-credentials
 * guide gives them.
 */
class EgainWireFormatTests {

	@RegisterExtension
	static WireMockExtension egain = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private static final String ANONYMOUS_PATH = "/core/authmgr/v3/oauth2/v2.0/anonymous/token";

	private ApplicationContextRunner runner;

	@BeforeEach
	void setUp() {
		String server = egain.baseUrl();
		egain.stubFor(post(urlPathEqualTo(TestClients.TOKEN_PATH)).willReturn(okJson(TestClients.tokenJson("app-token", 3600))));
		egain.stubFor(post(urlPathEqualTo(ANONYMOUS_PATH)).willReturn(okJson(TestClients.tokenJson("visitor-token", 3600))));
		egain.stubFor(get(urlPathEqualTo("/knowledge/portalmgr/v4/portals")).willReturn(okJson("{\"portals\":[]}")));
		this.runner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class,
					EgainAuthAutoConfiguration.class, EgainWebClientAutoConfiguration.class))
			.withPropertyValues("egain.auth.api-base-url=" + server,
					"egain.auth.clients.portal.token-uri=" + server + TestClients.TOKEN_PATH,
					"egain.auth.clients.portal.client-id=" + TestClients.CLIENT_ID,
					"egain.auth.clients.portal.client-secret=" + TestClients.CLIENT_SECRET,
					"egain.auth.clients.portal.scopes=knowledge.portalmgr.manage",
					"egain.auth.clients.visitor.type=anonymous-customer",
					"egain.auth.clients.visitor.client-id=visitor-id",
					"egain.auth.clients.visitor.client-secret=visitor-secret",
					"egain.auth.clients.visitor.scopes=core.aiservices.read,core.aiservices.manage");
	}

	@Test
	void clientAppTokenRequestIsTheGuidesRequest() {
		this.runner.run((context) -> {
			context.getBean(EgainAccessTokens.class).get("portal").block();
			LoggedRequest request = onlyRequest(TestClients.TOKEN_PATH);
			assertThat(request.getMethod().getName()).isEqualTo("POST");
			assertThat(request.getUrl()).isEqualTo(TestClients.TOKEN_PATH);
			assertThat(request.getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
			assertThat(request.containsHeader("Authorization")).isFalse();
			assertThat(FormBody.parse(request.getBodyAsString())).containsExactlyInAnyOrderEntriesOf(
					Map.of("grant_type", "client_credentials", "scope", "knowledge.portalmgr.manage", "client_id",
							TestClients.CLIENT_ID, "client_secret", TestClients.CLIENT_SECRET));
		});
	}

	@Test
	void anonymousCustomerTokenRequestIsTheGuidesRequest() {
		this.runner.run((context) -> {
			context.getBean(EgainAccessTokens.class).get("visitor").block();
			LoggedRequest request = onlyRequest(ANONYMOUS_PATH);
			assertThat(request.getMethod().getName()).isEqualTo("POST");
			assertThat(request.getUrl())
				.isEqualTo(ANONYMOUS_PATH + "?user_type=customer&domain_hint=" + TestClients.TENANT);
			assertThat(request.getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
			assertThat(request.containsHeader("Authorization")).isFalse();
			assertThat(FormBody.parse(request.getBodyAsString())).containsExactlyInAnyOrderEntriesOf(Map.of("grant_type",
					"client_credentials", "scope",
					"https://api.ai.egain.cloud/auth/core.aiservices.read https://api.ai.egain.cloud/auth/core.aiservices.manage",
					"client_id", "visitor-id", "client_secret", "visitor-secret"));
		});
	}

	@Test
	void domainHintIsUrlEncoded() {
		this.runner.withPropertyValues("egain.auth.clients.visitor.tenant-id=TEN ANT&x=1").run((context) -> {
			context.getBean(EgainAccessTokens.class).get("visitor").block();
			LoggedRequest request = onlyRequest(ANONYMOUS_PATH);
			assertThat(request.getUrl()).isEqualTo(ANONYMOUS_PATH + "?user_type=customer&domain_hint=TEN%20ANT%26x%3D1");
			assertThat(request.queryParameter("domain_hint").firstValue()).isEqualTo("TEN ANT&x=1");
		});
	}

	@Test
	void apiCallCarriesTheBearerTokenOfItsClient() {
		this.runner.run((context) -> {
			WebClient portal = context.getBean(EgainWebClients.class).get("portal");
			String body = portal.get().uri("/knowledge/portalmgr/v4/portals").retrieve().bodyToMono(String.class).block();
			assertThat(body).isEqualTo("{\"portals\":[]}");
			List<LoggedRequest> calls = egain.findAll(getRequestedFor(urlPathEqualTo("/knowledge/portalmgr/v4/portals")));
			assertThat(calls).singleElement()
				.satisfies((call) -> assertThat(call.getHeader("Authorization")).isEqualTo("Bearer app-token"));
		});
	}

	@Test
	void anonymousClientCallCarriesTheAnonymousToken() {
		this.runner.run((context) -> {
			context.getBean(EgainWebClients.class)
				.get("visitor")
				.get()
				.uri("/knowledge/portalmgr/v4/portals")
				.retrieve()
				.toBodilessEntity()
				.block();
			assertThat(egain.findAll(getRequestedFor(urlPathEqualTo("/knowledge/portalmgr/v4/portals"))))
				.singleElement()
				.satisfies((call) -> assertThat(call.getHeader("Authorization")).isEqualTo("Bearer visitor-token"));
		});
	}

	@Test
	void worksOutsideAnyWebRequestAndWithoutAWebApplication() {
		// A plain (non-web) application context, as in a CommandLineRunner or @Scheduled job.
		this.runner.withPropertyValues("spring.main.web-application-type=none").run((context) -> {
			Thread worker = new Thread(() -> context.getBean(EgainWebClients.class)
				.get("portal")
				.get()
				.uri("/knowledge/portalmgr/v4/portals")
				.retrieve()
				.toBodilessEntity()
				.block());
			worker.start();
			worker.join(10_000);
			assertThat(egain.findAll(getRequestedFor(urlPathEqualTo("/knowledge/portalmgr/v4/portals"))))
				.singleElement()
				.satisfies((call) -> assertThat(call.getHeader("Authorization")).isEqualTo("Bearer app-token"));
		});
	}

	private static LoggedRequest onlyRequest(String path) {
		List<LoggedRequest> requests = egain.findAll(postRequestedFor(urlPathEqualTo(path)));
		assertThat(requests).hasSize(1);
		assertThat(egain.findAll(anyRequestedFor(com.github.tomakehurst.wiremock.client.WireMock.anyUrl())))
			.hasSize(1);
		return requests.get(0);
	}

}
