package com.egain.auth.spring.emulator;

import java.util.LinkedHashMap;
import java.util.Map;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON responses of the {@link EmulatedEgainServer}.
 */
final class EmulatorResponses {

	private static final JsonMapper jsonMapper = JsonMapper.builder().build();

	private EmulatorResponses() {
	}

	static ResponseDefinition json(int status, Object body) {
		return builder(status, body).build();
	}

	static ResponseDefinitionBuilder builder(int status, Object body) {
		return ResponseDefinitionBuilder.responseDefinition()
			.withStatus(status)
			.withHeader("Content-Type", "application/json")
			.withBody(jsonMapper.writeValueAsString(body));
	}

	/**
	 * An OAuth 2.0 error body ({@code error}, {@code error_description}), as RFC 6749
	 * §5.2 and RFC 6750 §3.1 describe.
	 */
	static Map<String, Object> error(String error, String description) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("error", error);
		body.put("error_description", description);
		return body;
	}

	/**
	 * A token endpoint error response: {@code 401} for {@code invalid_client}, else
	 * {@code 400}, never cached.
	 */
	static ResponseDefinition tokenError(String error, String description) {
		int status = "invalid_client".equals(error) ? 401 : 400;
		return builder(status, error(error, description)).withHeader("Cache-Control", "no-store")
			.withHeader("Pragma", "no-cache")
			.build();
	}

}
