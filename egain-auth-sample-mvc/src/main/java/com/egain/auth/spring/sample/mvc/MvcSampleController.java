package com.egain.auth.spring.sample.mvc;

import java.util.LinkedHashMap;
import java.util.Map;

import com.egain.auth.spring.EgainClientAuthorizationException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

/**
 * The sample's own endpoints. None of them needs credentials; those that call eGain do so
 * through the {@link ArticleSearch} HTTP service interface or the starter's
 * pre-authorized {@code visitor} RestClient, which add the bearer token.
 */
@RestController
class MvcSampleController {

	private static final Log logger = LogFactory.getLog(MvcSampleController.class);

	private final ArticleSearch articleSearch;

	private final RestClient visitor;

	MvcSampleController(ArticleSearch articleSearch, @Qualifier("visitor") RestClient visitor) {
		this.articleSearch = articleSearch;
		this.visitor = visitor;
	}

	@GetMapping("/hello")
	String hello() {
		return "Hello from the eGain MVC sample app";
	}

	/**
	 * Search knowledge articles as the {@code portal} client app, through the HTTP
	 * service interface.
	 */
	@GetMapping("/articles")
	ArticleResults articles(@RequestParam String q) {
		return this.articleSearch.search(q);
	}

	/**
	 * Read an AI agent's details as an anonymous customer ({@code visitor}), through the
	 * pre-authorized RestClient.
	 */
	@GetMapping("/agents/{agentId}")
	JsonNode agent(@PathVariable String agentId) {
		return this.visitor.get()
			.uri("/core/aiservices/v4/aiagent/details/agent/{agentId}", agentId)
			.retrieve()
			.body(JsonNode.class);
	}

	@ExceptionHandler
	@ResponseStatus(HttpStatus.BAD_GATEWAY)
	Map<String, Object> eGainApiFailed(RestClientException ex) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("error", "egain_api_failed");
		if (ex instanceof RestClientResponseException response) {
			body.put("egain_status", response.getStatusCode().value());
		}
		body.put("message", ex.getMessage());
		logger.warn("An eGain API call failed: " + ex.getMessage());
		return body;
	}

	@ExceptionHandler
	@ResponseStatus(HttpStatus.BAD_GATEWAY)
	Map<String, Object> tokenRequestFailed(EgainClientAuthorizationException ex) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("error", "egain_token_request_failed");
		body.put("message", ex.getMessage());
		logger.warn("An eGain token request failed: " + ex.getMessage());
		return body;
	}

}
