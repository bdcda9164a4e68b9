package com.egain.auth.spring.autoconfigure.web.client;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import com.egain.auth.spring.EgainClientHttpRequestInterceptor;
import com.egain.auth.spring.EgainClientRegistrations;
import com.egain.auth.spring.EgainRestClients;
import com.egain.auth.spring.EgainWebClients;
import com.egain.auth.spring.FormBody;
import com.egain.auth.spring.LogCapture;
import com.egain.auth.spring.TestClients;
import com.egain.auth.spring.autoconfigure.EgainAuthAutoConfiguration;
import com.egain.auth.spring.autoconfigure.web.reactive.EgainWebClientAutoConfiguration;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.service.HttpServiceClientPropertiesAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.service.HttpServiceClientAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.boot.webclient.autoconfigure.service.ReactiveHttpServiceClientAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.client.RestClient;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.registry.HttpServiceGroup;
import org.springframework.web.service.registry.ImportHttpServices;

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
 * The RestClient side: same wire format, same guarantees, same token cache as the
 * WebClients, and HTTP service interfaces pre-authorized by group name.
 */
class EgainRestClientAutoConfigurationTests {

	@RegisterExtension
	WireMockExtension egain = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort().containerThreads(64))
		.build();

	@RegisterExtension
	WireMockExtension elsewhere = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private ApplicationContextRunner runner;

	@BeforeEach
	void setUp() {
		String server = this.egain.baseUrl();
		this.egain.stubFor(post(urlPathEqualTo(TestClients.TOKEN_PATH)).inScenario("tokens")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(okJson(TestClients.tokenJson("t1", 3600)).withFixedDelay(200))
			.willSetStateTo("second"));
		this.egain.stubFor(post(urlPathEqualTo(TestClients.TOKEN_PATH)).inScenario("tokens")
			.whenScenarioStateIs("second")
			.willReturn(okJson(TestClients.tokenJson("t2", 3600))));
		this.egain.stubFor(get(urlPathEqualTo("/api")).willReturn(ok("data")));
		this.elsewhere.stubFor(get(urlPathEqualTo("/api")).willReturn(ok("elsewhere")));
		this.runner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(RestClientAutoConfiguration.class,
					HttpServiceClientPropertiesAutoConfiguration.class, HttpServiceClientAutoConfiguration.class,
					WebClientAutoConfiguration.class,
					ReactiveHttpServiceClientAutoConfiguration.class, EgainAuthAutoConfiguration.class,
					EgainWebClientAutoConfiguration.class, EgainRestClientAutoConfiguration.class))
			.withPropertyValues("egain.auth.api-base-url=" + server,
					"egain.auth.clients.portal.token-uri=" + server + TestClients.TOKEN_PATH,
					"egain.auth.clients.portal.client-id=" + TestClients.CLIENT_ID,
					"egain.auth.clients.portal.client-secret=" + TestClients.CLIENT_SECRET,
					"egain.auth.clients.portal.scopes=knowledge.portalmgr.manage");
	}

	@Test
	void restClientCallCarriesTheBearerTokenFetchedAsTheGuideSays() {
		this.runner.run((context) -> {
			String body = context.getBean(EgainRestClients.class).get("portal").get().uri("/api").retrieve()
				.body(String.class);
			assertThat(body).isEqualTo("data");
			assertThat(this.egain.findAll(getRequestedFor(urlPathEqualTo("/api")))).singleElement()
				.satisfies((call) -> assertThat(call.getHeader("Authorization")).isEqualTo("Bearer t1"));
			assertThat(this.egain.findAll(postRequestedFor(urlPathEqualTo(TestClients.TOKEN_PATH)))).singleElement()
				.satisfies((request) -> {
					assertThat(request.getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
					assertThat(request.containsHeader("Authorization")).isFalse();
					assertThat(FormBody.parse(request.getBodyAsString())).containsExactlyInAnyOrderEntriesOf(
							Map.of("grant_type", "client_credentials", "scope", "knowledge.portalmgr.manage",
									"client_id", TestClients.CLIENT_ID, "client_secret", TestClients.CLIENT_SECRET));
				});
		});
	}

	@Test
	void apiCallsThroughBothKindsOfClientLogNeitherTheSecretNorTheToken() {
		this.egain.stubFor(post(urlPathEqualTo(TestClients.TOKEN_PATH))
			.willReturn(okJson(TestClients.tokenJson("eyJ.secret-token-value.sig", 3600))));
		this.runner.run((context) -> {
			try (LogCapture logs = new LogCapture()) {
				context.getBean(EgainRestClients.class).get("portal").get().uri("/api").retrieve().toBodilessEntity();
				context.getBean(EgainWebClients.class).get("portal").get().uri("/api").retrieve().toBodilessEntity()
					.block();
				assertThat(this.egain.findAll(getRequestedFor(urlPathEqualTo("/api"))))
					.extracting((call) -> call.getHeader("Authorization"))
					.containsExactly("Bearer eyJ.secret-token-value.sig", "Bearer eyJ.secret-token-value.sig");
				assertThat(logs.events()).isPositive();
				assertThat(logs.text()).doesNotContain("secret-token-value").doesNotContain(TestClients.CLIENT_SECRET);
				assertThat(context.getBean(EgainClientRegistrations.class).toString())
					.doesNotContain(TestClients.CLIENT_SECRET);
			}
		});
	}

	@Test
	void eachClientIsAQualifiedRestClient() {
		this.runner.withUserConfiguration(QualifiedInjection.class).run((context) -> assertThat(
				context.getBean(QualifiedInjection.class).portal)
			.isSameAs(context.getBean(EgainRestClients.class).get("portal")));
	}

	@Test
	void burstFromManyThreadsMakesOneTokenRequest() {
		this.runner.run((context) -> {
			RestClient portal = context.getBean(EgainRestClients.class).get("portal");
			ExecutorService threads = Executors.newFixedThreadPool(32);
			try {
				List<Callable<String>> calls = IntStream.range(0, 64)
					.<Callable<String>>mapToObj((i) -> () -> portal.get().uri("/api").retrieve().body(String.class))
					.toList();
				for (Future<String> result : threads.invokeAll(calls)) {
					assertThat(result.get()).isEqualTo("data");
				}
			}
			finally {
				threads.shutdown();
			}
			assertThat(this.egain.findAll(postRequestedFor(urlPathEqualTo(TestClients.TOKEN_PATH)))).hasSize(1);
			assertThat(this.egain.findAll(getRequestedFor(urlPathEqualTo("/api"))))
				.hasSize(64)
				.allSatisfy((call) -> assertThat(call.getHeader("Authorization")).isEqualTo("Bearer t1"));
		});
	}

	@Test
	void rejectedTokenIsReplacedAndTheRequestSentOnceMore() {
		this.egain.stubFor(get(urlPathEqualTo("/api")).withHeader("Authorization", equalTo("Bearer t1"))
			.willReturn(unauthorized()));
		this.runner.run((context) -> {
			String body = context.getBean(EgainRestClients.class).get("portal").get().uri("/api").retrieve()
				.body(String.class);
			assertThat(body).isEqualTo("data");
			assertThat(this.egain.findAll(getRequestedFor(urlPathEqualTo("/api"))))
				.extracting((call) -> call.getHeader("Authorization"))
				.containsExactly("Bearer t1", "Bearer t2");
		});
	}

	@Test
	void secondRejectionIsReturnedToTheCaller() {
		this.egain.stubFor(get(urlPathEqualTo("/api")).willReturn(unauthorized()));
		this.runner.run((context) -> {
			HttpStatusCode status = context.getBean(EgainRestClients.class)
				.get("portal")
				.get()
				.uri("/api")
				.exchange((request, response) -> response.getStatusCode());
			assertThat(status.value()).isEqualTo(401);
			assertThat(this.egain.findAll(getRequestedFor(urlPathEqualTo("/api")))).hasSize(2);
		});
	}

	@Test
	void foreignOriginGetsNoToken() {
		this.runner.run((context) -> {
			context.getBean(EgainRestClients.class).get("portal").get().uri(this.elsewhere.baseUrl() + "/api")
				.retrieve()
				.toBodilessEntity();
			assertThat(this.elsewhere.findAll(getRequestedFor(urlPathEqualTo("/api")))).singleElement()
				.satisfies((call) -> assertThat(call.containsHeader("Authorization")).isFalse());
			assertThat(this.egain.findAll(anyRequestedFor(com.github.tomakehurst.wiremock.client.WireMock.anyUrl())))
				.isEmpty();
		});
	}

	@Test
	void webClientAndRestClientShareOneTokenCache() {
		this.runner.run((context) -> {
			context.getBean(EgainWebClients.class).get("portal").get().uri("/api").retrieve().toBodilessEntity()
				.block();
			context.getBean(EgainRestClients.class).get("portal").get().uri("/api").retrieve().toBodilessEntity();
			assertThat(this.egain.findAll(postRequestedFor(urlPathEqualTo(TestClients.TOKEN_PATH)))).hasSize(1);
			assertThat(this.egain.findAll(getRequestedFor(urlPathEqualTo("/api"))))
				.extracting((call) -> call.getHeader("Authorization"))
				.containsExactly("Bearer t1", "Bearer t1");
		});
	}

	@Test
	void httpServiceInterfaceOfAGroupNamedForTheClientIsPreAuthorized() {
		this.runner.withUserConfiguration(PortalServices.class).run((context) -> {
			assertThat(context.getBean(PortalApi.class).search("tokens")).isEqualTo("data");
			assertThat(this.egain.findAll(getRequestedFor(urlPathEqualTo("/api")))).singleElement().satisfies((call) -> {
				assertThat(call.getHeader("Authorization")).isEqualTo("Bearer t1");
				assertThat(call.queryParameter("q").firstValue()).isEqualTo("tokens");
			});
		});
	}

	@Test
	void applicationsOwnGroupBaseUrlWinsAndGetsNoTokenOutsideTheAllowedOrigins() {
		this.runner.withUserConfiguration(PortalServices.class)
			.withPropertyValues("spring.http.serviceclient.portal.base-url=" + this.elsewhere.baseUrl())
			.run((context) -> {
				assertThat(context.getBean(PortalApi.class).search("tokens")).isEqualTo("elsewhere");
				assertThat(this.elsewhere.findAll(getRequestedFor(urlPathEqualTo("/api")))).singleElement()
					.satisfies((call) -> assertThat(call.containsHeader("Authorization")).isFalse());
			});
	}

	@Test
	void webClientBackedHttpServiceGroupIsPreAuthorized() {
		this.runner.withUserConfiguration(ReactivePortalServices.class).run((context) -> {
			assertThat(context.getBean(ReactivePortalApi.class).search("tokens").block()).isEqualTo("data");
			assertThat(this.egain.findAll(getRequestedFor(urlPathEqualTo("/api")))).singleElement()
				.satisfies((call) -> assertThat(call.getHeader("Authorization")).isEqualTo("Bearer t1"));
		});
	}

	@Test
	void withoutWebFluxOnlyTheRestClientsExist() {
		this.runner.withClassLoader(new FilteredClassLoader("org.springframework.web.reactive", "reactor.netty"))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).hasSingleBean(EgainRestClients.class);
				assertThat(context).hasSingleBean(EgainClientHttpRequestInterceptor.class);
				assertThat(context).hasBean("egainRestClient.portal");
				assertThat(context).doesNotHaveBean("egainWebClients");
				assertThat(context).doesNotHaveBean("egainWebClient.portal");
				assertThat(context).doesNotHaveBean("egainExchangeFilterFunction");
				String body = context.getBean(EgainRestClients.class).get("portal").get().uri("/api").retrieve()
					.body(String.class);
				assertThat(body).isEqualTo("data");
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class QualifiedInjection {

		final RestClient portal;

		QualifiedInjection(@Qualifier("portal") RestClient portal) {
			this.portal = portal;
		}

	}

	interface PortalApi {

		@GetExchange("/api")
		String search(@RequestParam("q") String query);

	}

	interface ReactivePortalApi {

		@GetExchange("/api")
		reactor.core.publisher.Mono<String> search(@RequestParam("q") String query);

	}

	@Configuration(proxyBeanMethods = false)
	@ImportHttpServices(group = "portal", types = PortalApi.class)
	static class PortalServices {

	}

	@Configuration(proxyBeanMethods = false)
	@ImportHttpServices(group = "portal", types = ReactivePortalApi.class,
			clientType = HttpServiceGroup.ClientType.WEB_CLIENT)
	static class ReactivePortalServices {

	}

}
