package com.egain.auth.spring.autoconfigure;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.egain.auth.spring.EgainRestClients;
import com.egain.auth.spring.EgainTokenRejectionHandler;
import com.egain.auth.spring.EgainWebClients;
import com.egain.auth.spring.LogCapture;
import com.egain.auth.spring.RenewingEgainTokenRejectionHandler;
import com.egain.auth.spring.TestClients;
import com.egain.auth.spring.autoconfigure.web.client.EgainRestClientAutoConfiguration;
import com.egain.auth.spring.autoconfigure.web.reactive.EgainWebClientAutoConfiguration;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.security.oauth2.core.OAuth2AccessToken;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.unauthorized;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a {@code 401} leads to is the {@link EgainTokenRejectionHandler} bean's to decide,
 * on both stacks: the application's own when it defines one, else the starter's bounded
 * renewal with the configured cool-down. Real HTTP on loopback.
 */
class EgainTokenRejectionHandlerAutoConfigurationTests {

	@RegisterExtension
	WireMockExtension egain = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private ApplicationContextRunner runner;

	@BeforeEach
	void setUp() {
		String server = this.egain.baseUrl();
		this.egain.stubFor(post(urlPathEqualTo(TestClients.TOKEN_PATH)).inScenario("tokens")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(okJson(TestClients.tokenJson("t1", 3600)))
			.willSetStateTo("second"));
		this.egain.stubFor(post(urlPathEqualTo(TestClients.TOKEN_PATH)).inScenario("tokens")
			.whenScenarioStateIs("second")
			.willReturn(okJson(TestClients.tokenJson("t2", 3600))));
		this.egain.stubFor(get(urlPathEqualTo("/api")).withHeader("Authorization", equalTo("Bearer t1"))
			.willReturn(unauthorized()));
		this.egain.stubFor(get(urlPathEqualTo("/api")).withHeader("Authorization", equalTo("Bearer t2"))
			.willReturn(ok("data")));
		this.runner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class, RestClientAutoConfiguration.class,
					EgainAuthAutoConfiguration.class, EgainWebClientAutoConfiguration.class,
					EgainRestClientAutoConfiguration.class))
			.withPropertyValues("egain.auth.api-base-url=" + server,
					"egain.auth.clients.portal.token-uri=" + server + TestClients.TOKEN_PATH,
					"egain.auth.clients.portal.client-id=" + TestClients.CLIENT_ID,
					"egain.auth.clients.portal.client-secret=" + TestClients.CLIENT_SECRET,
					"egain.auth.clients.portal.scopes=knowledge.portalmgr.manage");
	}

	@Test
	void applicationsHandlerDecidesWhatA401LeadsToOnWebClientAndRestClient() {
		RecordingHandler own = new RecordingHandler();
		this.runner.withBean("ownRejectionHandler", EgainTokenRejectionHandler.class, () -> own).run((context) -> {
			assertThat(context).getBean(EgainTokenRejectionHandler.class).isSameAs(own);
			int webClientStatus = context.getBean(EgainWebClients.class)
				.get("portal")
				.get()
				.uri("/api")
				.exchangeToMono((response) -> Mono.just(response.statusCode().value()))
				.block();
			int restClientStatus = context.getBean(EgainRestClients.class)
				.get("portal")
				.get()
				.uri("/api")
				.exchange((request, response) -> response.getStatusCode().value());
			// The handler sends nothing again: each 401 goes to its caller as it is.
			assertThat(webClientStatus).isEqualTo(401);
			assertThat(restClientStatus).isEqualTo(401);
			assertThat(own.calls).containsExactly("rejected portal t1 canResend=true",
					"rejected portal t1 canResend=true");
			assertThat(this.egain.findAll(getRequestedFor(urlPathEqualTo("/api")))).hasSize(2);
		});
	}

	@Test
	void startersHandlerIsUsedWhenTheApplicationDefinesNone() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(EgainTokenRejectionHandler.class)
				.getBean(EgainTokenRejectionHandler.class)
				.isInstanceOf(RenewingEgainTokenRejectionHandler.class);
			String body = context.getBean(EgainWebClients.class)
				.get("portal")
				.get()
				.uri("/api")
				.retrieve()
				.bodyToMono(String.class)
				.block();
			assertThat(body).isEqualTo("data");
			assertThat(this.egain.findAll(getRequestedFor(urlPathEqualTo("/api"))))
				.extracting((call) -> call.getHeader("Authorization"))
				.containsExactly("Bearer t1", "Bearer t2");
		});
	}

	@Test
	void startersHandlerCoolsDownForTheConfiguredTime() {
		this.egain.stubFor(get(urlPathEqualTo("/api")).willReturn(unauthorized()));
		try (LogCapture logs = new LogCapture()) {
			this.runner.withPropertyValues("egain.auth.rejected-token-cooldown=45s").run((context) -> {
				context.getBean(EgainRestClients.class)
					.get("portal")
					.get()
					.uri("/api")
					.exchange((request, response) -> response.getStatusCode().value());
				assertThat(logs.text().lines().filter((line) -> line.startsWith("WARN")
						&& line.contains("The eGain API rejects fresh tokens of client 'portal'")))
					.singleElement()
					.asString()
					.endsWith("for 45 s");
			});
		}
	}

	/**
	 * Returns every 401 as it is, and records what it was told.
	 */
	static final class RecordingHandler implements EgainTokenRejectionHandler {

		final List<String> calls = new CopyOnWriteArrayList<>();

		@Override
		public Mono<OAuth2AccessToken> onRejected(String clientName, OAuth2AccessToken rejected, boolean canResend) {
			this.calls.add("rejected " + clientName + " " + rejected.getTokenValue() + " canResend=" + canResend);
			return Mono.empty();
		}

	}

}
