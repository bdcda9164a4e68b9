package com.egain.auth.spring.sample;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import com.egain.auth.spring.EgainAccessTokens;
import com.egain.auth.spring.EgainClientAuthorizationException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientException;
import org.springframework.web.reactive.function.client.WebClientResponseException;

/**
 * The sample's own endpoints. None of them needs credentials; those that call eGain do so
 * through the starter's pre-authorized WebClients, which add the bearer token.
 */
@RestController
class SampleController {

	private static final Log logger = LogFactory.getLog(SampleController.class);

	private final WebClient portal;

	private final WebClient visitor;

	private final EgainAccessTokens tokens;

	SampleController(@Qualifier("portal") WebClient portal, @Qualifier("visitor") WebClient visitor,
			EgainAccessTokens tokens) {
		this.portal = portal;
		this.visitor = visitor;
		this.tokens = tokens;
	}

	@GetMapping("/hello")
	String hello() {
		return "Hello from the eGain sample app";
	}

	/**
	 * Search knowledge articles as the {@code portal} client app.
	 */
	@GetMapping("/articles")
	Mono<JsonNode> articles(@RequestParam String q) {
		return this.portal.get()
			.uri((uri) -> uri.path("/knowledge/portalmgr/v4/articles/search").queryParam("q", "{q}").build(q))
			.retrieve()
			.bodyToMono(JsonNode.class);
	}

	/**
	 * Read an AI agent's details as an anonymous customer ({@code visitor}).
	 */
	@GetMapping("/agents/{agentId}")
	Mono<JsonNode> agent(@PathVariable String agentId) {
		return this.visitor.get()
			.uri("/core/aiservices/v4/aiagent/details/agent/{agentId}", agentId)
			.retrieve()
			.bodyToMono(JsonNode.class);
	}

	/**
	 * Hand an anonymous-customer token to a browser widget, which calls eGain with it.
	 */
	@GetMapping("/widget-token")
	Mono<ResponseEntity<Map<String, Object>>> widgetToken() {
		return this.tokens.get("visitor")
			.map((token) -> ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(widgetToken(token)));
	}

	private static Map<String, Object> widgetToken(OAuth2AccessToken token) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("access_token", token.getTokenValue());
		body.put("token_type", token.getTokenType().getValue());
		if (token.getExpiresAt() != null) {
			body.put("expires_in", Math.max(Duration.between(Instant.now(), token.getExpiresAt()).toSeconds(), 0));
			body.put("expires_at", token.getExpiresAt().toString());
		}
		return body;
	}

	@ExceptionHandler
	@ResponseStatus(HttpStatus.BAD_GATEWAY)
	Map<String, Object> eGainApiFailed(WebClientException ex) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("error", "egain_api_failed");
		if (ex instanceof WebClientResponseException response) {
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
