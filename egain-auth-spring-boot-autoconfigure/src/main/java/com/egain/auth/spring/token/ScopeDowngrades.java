package com.egain.auth.spring.token;

import java.util.LinkedHashSet;
import java.util.Set;

import com.egain.auth.spring.EgainAuthMetrics;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.security.oauth2.core.OAuth2AccessToken;

/**
 * Reports a token granted fewer scopes than its token request asked for: one WARN line
 * naming the missing scopes (never the token) and the
 * {@link EgainAuthMetrics#scopeDowngraded(String)} metric. The scopes compared are those
 * sent on the wire (an anonymous customer's with their prefix) and those of the token
 * response; a granted scope without the URI prefix of a requested one (e.g.
 * {@code core.aiservices.read} for {@code https://api.ai.egain.cloud/auth/core.aiservices.read})
 * counts as that scope.
 */
final class ScopeDowngrades {

	private static final Log logger = LogFactory.getLog(ScopeDowngrades.class);

	private ScopeDowngrades() {
	}

	/**
	 * Report the given token of the given client if it lacks some of the requested
	 * scopes.
	 * @param clientName the client's name
	 * @param requested the scopes its token request asked for, as sent
	 * @param token the token, with the scopes granted to it
	 * @param metrics where the downgrade is counted
	 */
	static void check(String clientName, Set<String> requested, OAuth2AccessToken token, EgainAuthMetrics metrics) {
		Set<String> missing = missing(requested, token.getScopes());
		if (missing.isEmpty()) {
			return;
		}
		metrics.scopeDowngraded(clientName);
		logger.warn("eGain granted client '" + clientName + "' fewer scopes than it requested: missing '"
				+ String.join(" ", missing) + "', granted '" + String.join(" ", token.getScopes())
				+ "'. The API refuses calls that need the missing scopes (HTTP 403): check the scopes assigned to "
				+ "the client app in eGain");
	}

	static Set<String> missing(Set<String> requested, Set<String> granted) {
		Set<String> missing = new LinkedHashSet<>();
		for (String scope : requested) {
			if (!granted.contains(scope) && !granted.contains(withoutUriPrefix(scope))) {
				missing.add(scope);
			}
		}
		return missing;
	}

	private static String withoutUriPrefix(String scope) {
		return scope.contains("://") ? scope.substring(scope.lastIndexOf('/') + 1) : scope;
	}

}
