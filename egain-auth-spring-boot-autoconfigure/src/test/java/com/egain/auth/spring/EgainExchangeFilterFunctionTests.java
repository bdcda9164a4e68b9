package com.egain.auth.spring;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.egain.auth.spring.token.DefaultEgainAccessTokens;
import com.egain.auth.spring.token.InMemoryEgainTokenStore;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.unauthorized;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bearer token filter on real HTTP: 401 recovery, and where the token may go.
 */
class EgainExchangeFilterFunctionTests {

	@RegisterExtension
	WireMockExtension egain = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	@RegisterExtension
	WireMockExtension elsewhere = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private EgainAccessTokens tokens;

	private WebClient webClient;

	@BeforeEach
	void setUp() {
		this.egain.stubFor(post(urlPathEqualTo(TestClients.TOKEN_PATH)).inScenario("tokens")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(okJson(TestClients.tokenJson("t1", 3600)))
			.willSetStateTo("second"));
		this.egain.stubFor(post(urlPathEqualTo(TestClients.TOKEN_PATH)).inScenario("tokens")
			.whenScenarioStateIs("second")
			.willReturn(okJson(TestClients.tokenJson("t2", 3600))));
		this.elsewhere.stubFor(any(urlPathEqualTo("/api")).willReturn(ok("elsewhere")));
		this.webClient = webClient(TestClients.clientApp("portal", this.egain.baseUrl()));
	}

	private WebClient webClient(EgainClient client) {
		EgainClientRegistrations registrations = new EgainClientRegistrations(List.of(client));
		this.tokens = new DefaultEgainAccessTokens(registrations, TestClients.responseClient(Duration.ofSeconds(5)),
				new InMemoryEgainTokenStore(), Duration.ofSeconds(60),
				new MutableClock(Instant.parse("2026-11-24T10:00:00Z")));
		EgainExchangeFilterFunction filter = new EgainExchangeFilterFunction(registrations, this.tokens);
		return WebClient.builder().baseUrl(client.getBaseUrl().toString()).filter(filter.forClient("portal")).build();
	}

	@Test
	void rejectedTokenIsReplacedAndTheRequestSentOnceMore() {
		this.egain.stubFor(get(urlPathEqualTo("/api")).withHeader("Authorization", equalTo("Bearer t1"))
			.willReturn(unauthorized()));
		this.egain.stubFor(get(urlPathEqualTo("/api")).withHeader("Authorization", equalTo("Bearer t2"))
			.willReturn(ok("data")));
		String body = this.webClient.get().uri("/api").retrieve().bodyToMono(String.class).block();
		assertThat(body).isEqualTo("data");
		assertThat(authorizations()).containsExactly("Bearer t1", "Bearer t2");
		assertThat(this.egain.findAll(postRequestedFor(urlPathEqualTo(TestClients.TOKEN_PATH)))).hasSize(2);
	}

	@Test
	void secondRejectionIsReturnedToTheCallerWithoutAnotherRetry() {
		this.egain.stubFor(get(urlPathEqualTo("/api")).willReturn(unauthorized().withBody("revoked")));
		ClientResponse response = this.webClient.get().uri("/api").exchangeToMono(Mono::just).block();
		assertThat(response.statusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(authorizations()).containsExactly("Bearer t1", "Bearer t2");
		assertThat(this.egain.findAll(postRequestedFor(urlPathEqualTo(TestClients.TOKEN_PATH)))).hasSize(2);
	}

	@Test
	void requestWithABodyIsNotRetriedAfterARejection() {
		this.egain.stubFor(post(urlPathEqualTo("/api")).willReturn(unauthorized()));
		HttpStatus status = (HttpStatus) this.webClient.post()
			.uri("/api")
			.bodyValue("{\"q\":1}")
			.exchangeToMono((response) -> Mono.just(response.statusCode()))
			.block();
		assertThat(status).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(this.egain.findAll(postRequestedFor(urlPathEqualTo("/api")))).hasSize(1);
	}

	@Test
	void requestWithABodyRejectedWithA401DropsItsTokenSoThatTheNextRequestCarriesANewOne() {
		this.egain.stubFor(post(urlPathEqualTo("/api")).withHeader("Authorization", equalTo("Bearer t1"))
			.willReturn(unauthorized()));
		this.egain.stubFor(post(urlPathEqualTo("/api")).withHeader("Authorization", equalTo("Bearer t2"))
			.willReturn(ok("data")));
		assertThat(postStatus()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(postStatus()).isEqualTo(HttpStatus.OK);
		assertThat(authorizations()).containsExactly("Bearer t1", "Bearer t2");
		assertThat(this.egain.findAll(postRequestedFor(urlPathEqualTo("/api")))).allSatisfy(
				(request) -> assertThat(request.getBodyAsString()).isEqualTo("{\"q\":1}"));
	}

	private HttpStatus postStatus() {
		return (HttpStatus) this.webClient.post()
			.uri("/api")
			.bodyValue("{\"q\":1}")
			.exchangeToMono((response) -> response.releaseBody().thenReturn(response.statusCode()))
			.block();
	}

	@Test
	void foreignOriginGetsNoToken() {
		String body = this.webClient.get()
			.uri(this.elsewhere.baseUrl() + "/api")
			.retrieve()
			.bodyToMono(String.class)
			.block();
		assertThat(body).isEqualTo("elsewhere");
		assertThat(this.elsewhere.findAll(getRequestedFor(urlPathEqualTo("/api")))).singleElement()
			.satisfies((request) -> assertThat(request.containsHeader("Authorization")).isFalse());
		assertThat(this.egain.findAll(anyRequestedFor(com.github.tomakehurst.wiremock.client.WireMock.anyUrl())))
			.isEmpty();
	}

	@Test
	void refusedRequestIsLoggedWithoutTheUserInformationOfItsUrl() {
		try (LogCapture logs = new LogCapture()) {
			this.webClient.get()
				.uri(this.elsewhere.baseUrl().replace("://", "://someone:p4ssw0rd-in-url@") + "/api")
				.retrieve()
				.toBodilessEntity()
				.block();
			assertThat(logs.text()).contains("Not sending the token of eGain client 'portal' to GET http://localhost:"
					+ this.elsewhere.getPort()).doesNotContain("p4ssw0rd-in-url").doesNotContain("someone");
		}
	}

	@Test
	void allowedOriginGetsTheToken() {
		WebClient webClient = webClient(
				TestClients.clientApp("portal", this.egain.baseUrl(), this.elsewhere.baseUrl()));
		webClient.get().uri(this.elsewhere.baseUrl() + "/api").retrieve().toBodilessEntity().block();
		assertThat(this.elsewhere.findAll(getRequestedFor(urlPathEqualTo("/api")))).singleElement()
			.satisfies((request) -> assertThat(request.getHeader("Authorization")).isEqualTo("Bearer t1"));
	}

	@Test
	void sameHostOnAnotherPortIsAnotherOrigin() {
		URI base = URI.create(this.egain.baseUrl());
		String otherPort = "http://" + base.getHost() + ":" + this.elsewhere.getPort() + "/api";
		this.webClient.get().uri(otherPort).retrieve().toBodilessEntity().block();
		assertThat(this.elsewhere.findAll(getRequestedFor(urlPathEqualTo("/api")))).singleElement()
			.satisfies((request) -> assertThat(request.containsHeader("Authorization")).isFalse());
	}

	@Test
	void plainHttpToAHostThatIsNotLoopbackGetsNoToken() {
		// Nothing may leave this machine, so this one request is answered by a recording
		// exchange function in place of the network; the filter under test is the real one.
		EgainClient client = TestClients.clientApp("portal", "https://api.ai.egain.cloud");
		EgainClientRegistrations registrations = new EgainClientRegistrations(List.of(client));
		EgainAccessTokens tokens = new DefaultEgainAccessTokens(registrations,
				TestClients.responseClient(Duration.ofSeconds(5)), new InMemoryEgainTokenStore(),
				Duration.ofSeconds(60), new MutableClock(Instant.now()));
		List<ClientRequest> sent = new ArrayList<>();
		WebClient webClient = WebClient.builder()
			.exchangeFunction((request) -> {
				sent.add(request);
				return Mono.just(ClientResponse.create(HttpStatus.OK).build());
			})
			.filter(new EgainExchangeFilterFunction(registrations, tokens).forClient("portal"))
			.build();
		webClient.get().uri("http://api.ai.egain.cloud/knowledge").retrieve().toBodilessEntity().block();
		assertThat(sent).singleElement()
			.satisfies((request) -> assertThat(request.headers().containsHeader("Authorization")).isFalse());
		assertThat(tokens.peek("portal")).isNull();
	}

	@Test
	void filterUsedDirectlyServesTheClientNamedByTheRequestAttribute() {
		EgainClient portal = TestClients.clientApp("portal", this.egain.baseUrl());
		EgainClient other = TestClients.clientApp("other", this.elsewhere.baseUrl());
		EgainClientRegistrations registrations = new EgainClientRegistrations(List.of(portal, other));
		EgainAccessTokens tokens = new DefaultEgainAccessTokens(registrations,
				TestClients.responseClient(Duration.ofSeconds(5)), new InMemoryEgainTokenStore(),
				Duration.ofSeconds(60), new MutableClock(Instant.now()));
		this.egain.stubFor(get(urlPathEqualTo("/api")).willReturn(ok()));
		WebClient webClient = WebClient.builder().filter(new EgainExchangeFilterFunction(registrations, tokens)).build();
		webClient.get()
			.uri(this.egain.baseUrl() + "/api")
			.attributes(EgainExchangeFilterFunction.clientName("portal"))
			.retrieve()
			.toBodilessEntity()
			.block();
		webClient.get().uri(this.egain.baseUrl() + "/api").retrieve().toBodilessEntity().block();
		assertThat(authorizations()).containsExactly("Bearer t1", null);
	}

	private List<String> authorizations() {
		return this.egain.findAll(anyRequestedFor(urlPathEqualTo("/api")))
			.stream()
			.map((request) -> request.containsHeader("Authorization") ? request.getHeader("Authorization") : null)
			.toList();
	}

}
