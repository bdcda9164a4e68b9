package com.egain.auth.spring.test.consumer;

import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.stereotype.Service;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * An application that uses the starter as its README says, tested with the test kit.
 */
@SpringBootApplication
public class ConsumerApplication {

	@Service
	public static class ArticleService {

		private final WebClient portal;

		ArticleService(@Qualifier("portal") WebClient portal) {
			this.portal = portal;
		}

		public Mono<String> article(String id) {
			return this.portal.get()
				.uri("/knowledge/portalmgr/v4/articles/{id}", id)
				.retrieve()
				.bodyToMono(String.class);
		}

	}

	@Service
	public static class AgentService {

		private final RestClient visitor;

		AgentService(@Qualifier("visitor") RestClient visitor) {
			this.visitor = visitor;
		}

		public String agent(String id) {
			return this.visitor.get()
				.uri("/core/aiservices/v4/aiagent/details/agent/{id}", id)
				.retrieve()
				.body(String.class);
		}

	}

}
