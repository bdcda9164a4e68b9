package com.egain.auth.spring.sample.mvc;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import com.egain.auth.spring.emulator.EmulatedEgainServer;
import com.egain.auth.spring.emulator.EmulatedEgainServer.ApiCall;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.aot.AotDetector;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.AnnotationConfigRegistry;
import org.springframework.core.io.ClassPathResource;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The MVC sample processed ahead of time by the build ({@code spring-boot:process-aot})
 * and started from the generated code, as {@code java -Dspring.aot.enabled=true} starts
 * it: its {@code portal} HTTP service group and {@code visitor} RestClient call the eGain
 * emulator started at run time by the {@code emulator} profile, which the build did not
 * have. Run by failsafe, which sets {@code spring.aot.enabled}.
 */
class MvcSampleApplicationAotTests {

	private static ConfigurableApplicationContext context;

	private static EmulatedEgainServer emulator;

	private static RestTestClient client;

	@BeforeAll
	static void start() {
		// The main class names the initializer generated ahead of time.
		context = new SpringApplicationBuilder(MvcSampleApplication.class).main(MvcSampleApplication.class)
			.run("--server.port=0", "--spring.profiles.active=emulator");
		emulator = context.getBean(EmulatedEgainServer.class);
		String port = context.getEnvironment().getRequiredProperty("local.server.port");
		client = RestTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
	}

	@AfterAll
	static void stop() {
		context.close();
	}

	@Test
	void startsFromTheCodeGeneratedAheadOfTime() {
		assertThat(AotDetector.useGeneratedArtifacts()).isTrue();
		// Without AOT, Spring Boot creates a context that parses configuration classes.
		assertThat(context).isNotInstanceOf(AnnotationConfigRegistry.class);
	}

	@Test
	void articleSearchThroughThePortalHttpServiceGroupCarriesATokenIssuedToThePortalClient() {
		int before = emulator.apiCalls().size();
		client.get()
			.uri("/articles?q={q}", "password reset")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.articles[0].name")
			.isEqualTo("Getting started with password reset");
		assertThat(callsSince(before))
			.containsExactly(new ApiCall(EmulatedEgainServer.ARTICLE_SEARCH_PATH, emulator.portalClient().clientId()));
	}

	@Test
	void injectedHttpServiceInterfaceIsPreAuthorized() {
		int before = emulator.apiCalls().size();
		ArticleResults results = context.getBean(ArticleSearch.class).search("router");
		assertThat(results.articles()).extracting(ArticleResults.Article::name)
			.containsExactly("Getting started with router", "Troubleshooting router");
		assertThat(callsSince(before))
			.containsExactly(new ApiCall(EmulatedEgainServer.ARTICLE_SEARCH_PATH, emulator.portalClient().clientId()));
	}

	@Test
	void agentDetailsThroughTheVisitorRestClientCarryATokenIssuedToTheVisitorClient() {
		int before = emulator.apiCalls().size();
		client.get()
			.uri("/agents/support-bot")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.agentId")
			.isEqualTo("support-bot");
		assertThat(callsSince(before)).containsExactly(
				new ApiCall(EmulatedEgainServer.AGENT_DETAILS_PATH + "support-bot", emulator.visitorClient().clientId()));
	}

	@Test
	void nativeImageMetadataCoversTheStartersPropertiesAndTheHttpServiceProxy() throws IOException {
		JsonNode metadata;
		try (InputStream json = new ClassPathResource(
				"META-INF/native-image/com.egain.auth/egain-auth-sample-mvc/reachability-metadata.json")
			.getInputStream()) {
			metadata = JsonMapper.builder().build().readTree(json);
		}
		// Each "type" is a class name, or an object naming a proxy's interfaces: compared as JSON text.
		List<String> types = metadata.get("reflection")
			.valueStream()
			.map((entry) -> entry.get("type").toString())
			.toList();
		assertThat(types).contains("\"com.egain.auth.spring.autoconfigure.EgainAuthProperties$Client\"",
				"\"com.egain.auth.spring.sample.mvc.ArticleResults\"")
			.anyMatch((type) -> type.contains("\"proxy\":[\"com.egain.auth.spring.sample.mvc.ArticleSearch\""));
	}

	private static List<ApiCall> callsSince(int before) {
		List<ApiCall> calls = emulator.apiCalls();
		return calls.subList(before, calls.size());
	}

}
