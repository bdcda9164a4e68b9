package com.egain.auth.spring.interop;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Two eGain-like APIs; each answers with the subject and scopes of the token it
 * accepted.
 */
@RestController
class EgainApiController {

	@GetMapping(EgainTestClients.PORTALS_PATH)
	Map<String, Object> portals(@AuthenticationPrincipal Jwt jwt) {
		return describe(jwt);
	}

	@GetMapping(EgainTestClients.ANSWERS_PATH)
	Map<String, Object> answers(@AuthenticationPrincipal Jwt jwt) {
		return describe(jwt);
	}

	private static Map<String, Object> describe(Jwt jwt) {
		Map<String, Object> description = new LinkedHashMap<>();
		description.put("subject", jwt.getSubject());
		description.put("scope", jwt.getClaims().get("scope"));
		return description;
	}

}
