package com.egain.auth.spring.autoconfigure.web;

import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;

import com.egain.auth.spring.EgainClientHttpRequestInterceptor;
import com.egain.auth.spring.EgainExchangeFilterFunction;
import com.egain.auth.spring.EgainRestClients;
import com.egain.auth.spring.EgainWebClients;
import com.egain.auth.spring.TestClients;
import com.egain.auth.spring.autoconfigure.EgainAuthAutoConfiguration;
import com.egain.auth.spring.autoconfigure.web.client.EgainRestClientAutoConfiguration;
import com.egain.auth.spring.autoconfigure.web.reactive.EgainWebClientAutoConfiguration;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.service.HttpServiceClientPropertiesAutoConfiguration;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.service.HttpServiceClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.boot.webclient.autoconfigure.service.ReactiveHttpServiceClientAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.ClientHttpRequest;
import org.springframework.http.client.reactive.ClientHttpResponse;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.registry.HttpServiceGroup;
import org.springframework.web.service.registry.ImportHttpServices;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The token never follows a redirect to another origin, whatever HTTP library Spring Boot
 * builds the clients on: the starter's clients follow no redirect, while the same library
 * under the application's own settings does (shown on a redirect within the origin,
 * which every library follows). Two loopback servers: the allowed origin answers
 * {@code 302} to the other one.
 */
class RedirectConfinementTests {

	@RegisterExtension
	WireMockExtension egain = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	@RegisterExtension
	WireMockExtension elsewhere = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private ApplicationContextRunner runner;

	@BeforeEach
	void setUp() {
		this.egain.stubFor(post(urlPathEqualTo(TestClients.TOKEN_PATH))
			.willReturn(okJson(TestClients.tokenJson("t1", 3600))));
		this.egain.stubFor(get(urlPathEqualTo("/api"))
			.willReturn(aResponse().withStatus(302).withHeader("Location", this.elsewhere.baseUrl() + "/collect")));
		this.egain.stubFor(get(urlPathEqualTo("/moved"))
			.willReturn(aResponse().withStatus(302).withHeader("Location", this.egain.baseUrl() + "/final")));
		this.egain.stubFor(get(urlPathEqualTo("/final")).willReturn(ok("final")));
		this.elsewhere.stubFor(any(anyUrl()).willReturn(ok("collected")));
		String server = this.egain.baseUrl();
		this.runner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ReactiveHttpClientAutoConfiguration.class,
					RestClientAutoConfiguration.class,
					WebClientAutoConfiguration.class, HttpServiceClientPropertiesAutoConfiguration.class,
					HttpServiceClientAutoConfiguration.class, ReactiveHttpServiceClientAutoConfiguration.class,
					EgainAuthAutoConfiguration.class, EgainWebClientAutoConfiguration.class,
					EgainRestClientAutoConfiguration.class))
			// The application's own clients follow redirects, as Spring Boot's default does.
			.withBean(HttpClientSettings.class, () -> HttpClientSettings.defaults().withRedirects(HttpRedirects.FOLLOW))
			.withPropertyValues("spring.reactor.netty.shutdown-quiet-period=0s", "egain.auth.api-base-url=" + server,
					"egain.auth.clients.portal.token-uri=" + server + TestClients.TOKEN_PATH,
					"egain.auth.clients.portal.client-id=" + TestClients.CLIENT_ID,
					"egain.auth.clients.portal.client-secret=" + TestClients.CLIENT_SECRET,
					"egain.auth.clients.portal.scopes=knowledge.portalmgr.manage");
	}

	static Stream<Arguments> requestFactoryBuilders() {
		return Stream.of(Arguments.of("JDK HttpClient", ClientHttpRequestFactoryBuilder.jdk()),
				Arguments.of("Reactor Netty", ClientHttpRequestFactoryBuilder.reactor()),
				Arguments.of("Apache HttpClient 5", ClientHttpRequestFactoryBuilder.httpComponents()),
				Arguments.of("Jetty", ClientHttpRequestFactoryBuilder.jetty()),
				Arguments.of("HttpURLConnection", ClientHttpRequestFactoryBuilder.simple()));
	}

	static Stream<Arguments> connectorBuilders() {
		return Stream.of(Arguments.of("Reactor Netty", ClientHttpConnectorBuilder.reactor()),
				Arguments.of("JDK HttpClient", ClientHttpConnectorBuilder.jdk()),
				Arguments.of("Apache HttpClient 5", ClientHttpConnectorBuilder.httpComponents()),
				Arguments.of("Jetty", ClientHttpConnectorBuilder.jetty()));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("requestFactoryBuilders")
	void restClientsOfTheStarterDoNotFollowARedirect(String library, ClientHttpRequestFactoryBuilder<?> builder) {
		this.runner.withBean(ClientHttpRequestFactoryBuilder.class, () -> builder).run((context) -> {
			RestClient qualified = context.getBean("egainRestClient.portal", RestClient.class);
			RestClient built = context.getBean(EgainRestClients.class).builder("portal").build();
			for (RestClient client : new RestClient[] { qualified, built }) {
				for (String path : new String[] { "/api", "/moved" }) {
					ResponseEntity<Void> response = client.get().uri(path).retrieve().toBodilessEntity();
					assertThat(response.getStatusCode().value()).isEqualTo(302);
				}
			}
			assertThat(this.egain.findAll(getRequestedFor(urlPathEqualTo("/api"))))
				.allSatisfy((call) -> assertThat(call.getHeader("Authorization")).isEqualTo("Bearer t1"));
			assertThat(this.egain.findAll(getRequestedFor(urlPathEqualTo("/final")))).isEmpty();
			assertThat(this.elsewhere.findAll(anyRequestedFor(anyUrl()))).isEmpty();
			// The application's own RestClient on the same library follows redirects.
			RestClient own = context.getBean(RestClient.Builder.class)
				.baseUrl(this.egain.baseUrl())
				.requestInterceptor(context.getBean(EgainClientHttpRequestInterceptor.class).forClient("portal"))
				.build();
			assertThat(own.get().uri("/moved").retrieve().body(String.class)).isEqualTo("final");
		});
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("connectorBuilders")
	void webClientsOfTheStarterDoNotFollowARedirect(String library, ClientHttpConnectorBuilder<?> builder) {
		this.runner.withBean(ClientHttpConnectorBuilder.class, () -> builder).run((context) -> {
			WebClient qualified = context.getBean("egainWebClient.portal", WebClient.class);
			WebClient built = context.getBean(EgainWebClients.class).builder("portal").build();
			for (WebClient client : new WebClient[] { qualified, built }) {
				for (String path : new String[] { "/api", "/moved" }) {
					ResponseEntity<Void> response = client.get().uri(path).retrieve().toBodilessEntity().block();
					assertThat(response.getStatusCode().value()).isEqualTo(302);
				}
			}
			assertThat(this.egain.findAll(getRequestedFor(urlPathEqualTo("/final")))).isEmpty();
			assertThat(this.elsewhere.findAll(anyRequestedFor(anyUrl()))).isEmpty();
			// The application's own WebClient on the same library follows redirects.
			WebClient following = context.getBean(WebClient.Builder.class)
				.baseUrl(this.egain.baseUrl())
				.filter(context.getBean(EgainExchangeFilterFunction.class).forClient("portal"))
				.build();
			assertThat(following.get().uri("/moved").retrieve().bodyToMono(String.class).block()).isEqualTo("final");
		});
	}

	@Test
	void restClientBackedGroupDoesNotFollowARedirectEvenWhenItsPropertiesSaySo() {
		this.runner.withUserConfiguration(RestClientGroup.class)
			.withPropertyValues("spring.http.serviceclient.portal.redirects=follow")
			.run((context) -> {
				assertThat(context.getBean(PortalApi.class).call().getStatusCode().value()).isEqualTo(302);
				assertThat(context.getBean(PortalApi.class).moved().getStatusCode().value()).isEqualTo(302);
				assertThat(this.elsewhere.findAll(anyRequestedFor(anyUrl()))).isEmpty();
			});
	}

	@Test
	void webClientBackedGroupDoesNotFollowARedirectEvenWhenItsPropertiesSaySo() {
		this.runner.withUserConfiguration(WebClientGroup.class)
			.withPropertyValues("spring.http.serviceclient.portal.redirects=follow")
			.run((context) -> {
				assertThat(context.getBean(ReactivePortalApi.class).call().block().getStatusCode().value())
					.isEqualTo(302);
				assertThat(this.elsewhere.findAll(anyRequestedFor(anyUrl()))).isEmpty();
			});
	}

	@Test
	void applicationsOwnConnectorBeanServesTheStartersWebClientsAsItServesBootsBuilder() {
		CountingConnector connector = new CountingConnector();
		this.runner.withBean(ClientHttpConnector.class, () -> connector).run((context) -> {
			ResponseEntity<Void> response = context.getBean("egainWebClient.portal", WebClient.class)
				.get()
				.uri("/final")
				.retrieve()
				.toBodilessEntity()
				.block();
			assertThat(response.getStatusCode().value()).isEqualTo(200);
			assertThat(connector.exchanges).hasValue(1);
			assertThat(this.egain.findAll(getRequestedFor(urlPathEqualTo("/final")))).singleElement()
				.satisfies((call) -> assertThat(call.getHeader("Authorization")).isEqualTo("Bearer t1"));
		});
	}

	/**
	 * An application's own connector, counting what it sends.
	 */
	static class CountingConnector implements ClientHttpConnector {

		final AtomicInteger exchanges = new AtomicInteger();

		private final ClientHttpConnector delegate = new ReactorClientHttpConnector();

		@Override
		public Mono<ClientHttpResponse> connect(HttpMethod method, URI uri,
				Function<? super ClientHttpRequest, Mono<Void>> requestCallback) {
			this.exchanges.incrementAndGet();
			return this.delegate.connect(method, uri, requestCallback);
		}

	}

	interface PortalApi {

		@GetExchange("/api")
		ResponseEntity<Void> call();

		@GetExchange("/moved")
		ResponseEntity<Void> moved();

	}

	interface ReactivePortalApi {

		@GetExchange("/api")
		Mono<ResponseEntity<Void>> call();

	}

	@Configuration(proxyBeanMethods = false)
	@ImportHttpServices(group = "portal", types = PortalApi.class)
	static class RestClientGroup {

	}

	@Configuration(proxyBeanMethods = false)
	@ImportHttpServices(group = "portal", types = ReactivePortalApi.class,
			clientType = HttpServiceGroup.ClientType.WEB_CLIENT)
	static class WebClientGroup {

	}

}
