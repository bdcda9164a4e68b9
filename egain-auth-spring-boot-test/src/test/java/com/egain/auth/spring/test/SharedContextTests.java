package com.egain.auth.spring.test;

import java.util.concurrent.atomic.AtomicReference;

import com.egain.auth.spring.test.consumer.ConsumerApplication;
import com.egain.auth.spring.test.consumer.ConsumerApplication.ArticleService;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of one configuration share one context and emulator, and each test starts from
 * zero: no stub, no token request, no cached token of the previous test.
 */
@SpringBootTest(classes = ConsumerApplication.class)
@AutoConfigureEgainEmulator
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SharedContextTests {

	private static final AtomicReference<ApplicationContext> firstContext = new AtomicReference<>();

	@Autowired
	ApplicationContext context;

	@Autowired
	EgainEmulator emulator;

	@Autowired
	ArticleService articles;

	@Test
	@Order(1)
	void firstTestMakesOneTokenRequest() {
		firstContext.set(this.context);
		callOnce();
		assertThat(this.emulator.tokenRequestCount("portal")).isEqualTo(1);
	}

	@Test
	@Order(2)
	void secondTestSharesTheContextAndStartsFromZero() {
		assertThat(this.context).isSameAs(firstContext.get());
		assertThat(this.emulator.tokenRequestCount("portal")).isZero();
		callOnce();
		assertThat(this.emulator.tokenRequestCount("portal")).isEqualTo(1);
	}

	private void callOnce() {
		this.emulator.api()
			.register(get(urlPathEqualTo("/knowledge/portalmgr/v4/articles/2")).willReturn(okJson("{\"id\":\"2\"}")));
		assertThat(this.articles.article("2").block()).isEqualTo("{\"id\":\"2\"}");
	}

}
