package com.egain.auth.spring.emulator;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.egain.auth.spring.emulator.EmulatedEgainServer.ApiCall;
import com.egain.auth.spring.emulator.IssuedTokens.IssuedToken;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.QueryParameter;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import org.springframework.util.StringUtils;

/**
 * The eGain APIs that the {@link EmulatedEgainServer} serves. Each answers only a request that
 * carries {@code Authorization: Bearer <token>} with an unexpired token that the emulator
 * issued and that has one of the API's scopes; it then records the call.
 */
final class EmulatedApis implements ResponseDefinitionTransformerV2 {

	static final String NAME = "egain-emulator-api";

	/**
	 * Transformer parameter naming the API: {@link #ARTICLE_SEARCH} or
	 * {@link #AGENT_DETAILS}.
	 */
	static final String API = "api";

	static final String ARTICLE_SEARCH = "article-search";

	static final String AGENT_DETAILS = "agent-details";

	private static final String BEARER = "Bearer ";

	private final EmulatedEgainServer emulator;

	EmulatedApis(EmulatedEgainServer emulator) {
		this.emulator = emulator;
	}

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public boolean applyGlobally() {
		return false;
	}

	@Override
	public ResponseDefinition transform(ServeEvent serveEvent) {
		Request request = serveEvent.getRequest();
		boolean articleSearch = ARTICLE_SEARCH.equals(serveEvent.getTransformerParameters().getString(API));
		String authorization = request.getHeader("Authorization");
		if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
			return refusal(401, "unauthorized", "an Authorization: Bearer <access token> header is required",
					"Bearer realm=\"eGain emulator\"");
		}
		IssuedToken token = this.emulator.tokens().valid(authorization.substring(BEARER.length()).trim());
		if (token == null) {
			return refusal(401, "invalid_token", "the access token is unknown or has expired",
					"Bearer realm=\"eGain emulator\", error=\"invalid_token\"");
		}
		Set<String> accepted = articleSearch ? Set.of("knowledge.portalmgr.read", "knowledge.portalmgr.manage")
				: Set.of("core.aiservices.read", "core.aiservices.manage");
		if (token.scopes().stream().noneMatch(accepted::contains)) {
			return refusal(403, "insufficient_scope", "the access token has none of the scopes " + accepted,
					"Bearer realm=\"eGain emulator\", error=\"insufficient_scope\"");
		}
		String path = URI.create(request.getUrl()).getPath();
		this.emulator.record(new ApiCall(path, token.clientId()));
		return articleSearch ? articleSearch(request) : agentDetails(path);
	}

	private static ResponseDefinition refusal(int status, String error, String description, String challenge) {
		return EmulatorResponses.builder(status, EmulatorResponses.error(error, description))
			.withHeader("WWW-Authenticate", challenge)
			.build();
	}

	private static ResponseDefinition articleSearch(Request request) {
		QueryParameter q = request.queryParameter("q");
		if (q == null || !q.isPresent() || !StringUtils.hasText(q.firstValue())) {
			return EmulatorResponses.json(400,
					EmulatorResponses.error("invalid_request", "the query parameter q is required"));
		}
		String query = q.firstValue().trim();
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("query", query);
		body.put("articles", List.of(article("EMU-1001", "Getting started with " + query),
				article("EMU-1002", "Troubleshooting " + query)));
		body.put("totalCount", 2);
		return EmulatorResponses.json(200, body);
	}

	private static Map<String, Object> article(String id, String name) {
		Map<String, Object> article = new LinkedHashMap<>();
		article.put("id", id);
		article.put("name", name);
		article.put("summary", "An article made up by the eGain emulator.");
		return article;
	}

	private static ResponseDefinition agentDetails(String path) {
		String agentId = path.substring(EmulatedEgainServer.AGENT_DETAILS_PATH.length());
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("agentId", agentId);
		body.put("name", "Emulated assistant " + agentId);
		body.put("status", "active");
		body.put("isAuthenticationRequired", false);
		return EmulatorResponses.json(200, body);
	}

}
