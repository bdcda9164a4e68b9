package com.egain.auth.spring.emulator;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.egain.auth.spring.emulator.IssuedTokens.IssuedToken;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.QueryParameter;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.util.StringUtils;

/**
 * The two token endpoints of the {@link EmulatedEgainServer}: the client app's token URL and
 * the anonymous-customer endpoint. Each request is checked as eGain's client-credentials
 * guide describes it; a request that fails a check gets an RFC 6749 error response.
 */
final class EmulatedTokenEndpoint implements ResponseDefinitionTransformerV2 {

	static final String NAME = "egain-emulator-token-endpoint";

	/**
	 * Transformer parameter that is {@code true} on the anonymous-customer endpoint.
	 */
	static final String ANONYMOUS = "anonymous";

	private static final List<String> REQUIRED_FORM_FIELDS = List.of("grant_type", "client_id", "client_secret",
			"scope");

	private final EmulatedEgainServer emulator;

	EmulatedTokenEndpoint(EmulatedEgainServer emulator) {
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
		boolean anonymous = serveEvent.getTransformerParameters().getBoolean(ANONYMOUS, false);
		return respond(serveEvent.getRequest(), anonymous);
	}

	private ResponseDefinition respond(Request request, boolean anonymous) {
		Map<String, String> form;
		try {
			form = parseForm(request.getBodyAsString());
		}
		catch (IllegalArgumentException ex) {
			return EmulatorResponses.tokenError("invalid_request", ex.getMessage());
		}
		DemoClient claimed = claimedClient(anonymous, form);
		if (claimed != null) {
			Integer failure = this.emulator.tokenRequested(claimed);
			if (failure != null) {
				return injectedFailure(failure);
			}
		}
		if (!RequestMethod.POST.equals(request.getMethod())) {
			return EmulatorResponses.tokenError("invalid_request", "token requests must use POST");
		}
		if (!isFormUrlEncoded(request.getHeader("Content-Type"))) {
			return EmulatorResponses.tokenError("invalid_request",
					"Content-Type must be application/x-www-form-urlencoded");
		}
		if (anonymous) {
			String problem = anonymousQueryProblem(request, claimed);
			if (problem != null) {
				return EmulatorResponses.tokenError("invalid_request", problem);
			}
		}
		for (String field : REQUIRED_FORM_FIELDS) {
			if (!StringUtils.hasText(form.get(field))) {
				return EmulatorResponses.tokenError("invalid_request", "the form field " + field + " is required");
			}
		}
		if (!"client_credentials".equals(form.get("grant_type"))) {
			return EmulatorResponses.tokenError("unsupported_grant_type", "only client_credentials is supported");
		}
		if (claimed == null || !claimed.authenticates(form.get("client_id"), form.get("client_secret"))) {
			return EmulatorResponses.tokenError("invalid_client", "unknown client_id or wrong client_secret");
		}
		Set<String> scopes = new LinkedHashSet<>();
		for (String scope : form.get("scope").trim().split(" +")) {
			if (anonymous && !scope.startsWith(EmulatedEgainServer.ANONYMOUS_SCOPE_PREFIX)) {
				return EmulatorResponses.tokenError("invalid_scope", "anonymous-customer scope '" + scope
						+ "' lacks the prefix " + EmulatedEgainServer.ANONYMOUS_SCOPE_PREFIX);
			}
			String name = anonymous ? scope.substring(EmulatedEgainServer.ANONYMOUS_SCOPE_PREFIX.length()) : scope;
			if (!claimed.scopes().contains(name)) {
				return EmulatorResponses.tokenError("invalid_scope",
						"scope '" + scope + "' is not assigned to client " + claimed.clientId());
			}
			scopes.add(name);
		}
		IssuedToken token = this.emulator.tokens().issue(claimed, scopes, EmulatedEgainServer.TOKEN_LIFETIME);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("access_token", token.value());
		body.put("token_type", "Bearer");
		body.put("expires_in", EmulatedEgainServer.TOKEN_LIFETIME.toSeconds());
		body.put("scope", form.get("scope").trim());
		return EmulatorResponses.builder(200, body)
			.withHeader("Cache-Control", "no-store")
			.withHeader("Pragma", "no-cache")
			.build();
	}

	/**
	 * The known client that the request names by its {@code client_id} on this endpoint:
	 * of the clients with that id, the one whose scopes cover the requested ones, else the
	 * first; {@code null} when none has that id.
	 */
	private DemoClient claimedClient(boolean anonymous, Map<String, String> form) {
		String clientId = form.get("client_id");
		String scope = form.getOrDefault("scope", "").trim();
		DemoClient first = null;
		for (DemoClient client : this.emulator.clients()) {
			if (client.anonymous() != anonymous || !client.clientId().equals(clientId)) {
				continue;
			}
			if (first == null) {
				first = client;
			}
			boolean covered = true;
			for (String requested : scope.split(" +")) {
				String name = (anonymous && requested.startsWith(EmulatedEgainServer.ANONYMOUS_SCOPE_PREFIX))
						? requested.substring(EmulatedEgainServer.ANONYMOUS_SCOPE_PREFIX.length()) : requested;
				covered &= client.scopes().contains(name);
			}
			if (covered) {
				return client;
			}
		}
		return first;
	}

	private static ResponseDefinition injectedFailure(int status) {
		String error = switch (status) {
			case 400 -> "invalid_request";
			case 401 -> "invalid_client";
			case 403 -> "unauthorized_client";
			case 429 -> "slow_down";
			default -> "temporarily_unavailable";
		};
		return EmulatorResponses.json(status,
				EmulatorResponses.error(error, "a failure injected by the eGain emulator (failTokenRequests)"));
	}

	private static boolean isFormUrlEncoded(String contentType) {
		if (contentType == null) {
			return false;
		}
		try {
			return MediaType.APPLICATION_FORM_URLENCODED.equalsTypeAndSubtype(MediaType.parseMediaType(contentType));
		}
		catch (InvalidMediaTypeException ex) {
			return false;
		}
	}

	private String anonymousQueryProblem(Request request, DemoClient claimed) {
		String userType = single(request.queryParameter("user_type"));
		if (!"customer".equals(userType)) {
			return "the query parameter user_type=customer is required";
		}
		String domainHint = single(request.queryParameter("domain_hint"));
		if (domainHint == null) {
			return "the query parameter domain_hint=<tenant id> is required";
		}
		String tenant = (claimed != null) ? claimed.tenantId() : EmulatedEgainServer.TENANT_ID;
		if (!tenant.equals(domainHint)) {
			return "domain_hint names an unknown tenant; this client's tenant is " + tenant;
		}
		return null;
	}

	private static String single(QueryParameter parameter) {
		return (parameter != null && parameter.isPresent() && parameter.values().size() == 1) ? parameter.firstValue()
				: null;
	}

	private static Map<String, String> parseForm(String body) {
		Map<String, String> form = new LinkedHashMap<>();
		if (body == null || body.isEmpty()) {
			return form;
		}
		for (String pair : body.split("&")) {
			int equals = pair.indexOf('=');
			String name = URLDecoder.decode((equals >= 0) ? pair.substring(0, equals) : pair, StandardCharsets.UTF_8);
			String value = (equals >= 0) ? URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8) : "";
			if (form.putIfAbsent(name, value) != null) {
				throw new IllegalArgumentException("the form field " + name + " is repeated");
			}
		}
		return form;
	}

}
