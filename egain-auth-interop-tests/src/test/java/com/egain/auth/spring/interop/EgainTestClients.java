package com.egain.auth.spring.interop;

import java.time.Duration;

/**
 * The tenant, endpoints, clients and scopes shared by the authorization servers under
 * test and the starter configured against them. Scope names are the ones of eGain's
 * client-credentials guide.
 */
final class EgainTestClients {

	/**
	 * The tenant id, as it appears in client-app token URLs and in {@code domain_hint}.
	 */
	static final String TENANT = "TMINTEROP0001";

	/**
	 * Path of the client-app token endpoint, shaped like eGain's.
	 */
	static final String CLIENT_APP_TOKEN_PATH = "/system/auth/" + TENANT + "-U/oauth2/token";

	/**
	 * Path of the anonymous-customer token endpoint, as on eGain's API host.
	 */
	static final String ANONYMOUS_TOKEN_PATH = "/core/authmgr/v3/oauth2/v2.0/anonymous/token";

	/**
	 * Prefix of every anonymous-customer scope.
	 */
	static final String ANONYMOUS_SCOPE_PREFIX = "https://api.ai.egain.cloud/auth/";

	/**
	 * An API that requires {@code knowledge.portalmgr.read}.
	 */
	static final String PORTALS_PATH = "/knowledge/portalmgr/v4/portals";

	/**
	 * An API that requires the anonymous {@code core.aiservices.read}.
	 */
	static final String ANSWERS_PATH = "/core/aiservices/v4/answers";

	static final String PORTAL_CLIENT_ID = "egain-portal-app";

	static final String PORTAL_CLIENT_SECRET = "portal-app-secret-5f2c9d";

	static final String VISITOR_CLIENT_ID = "egain-visitor";

	static final String VISITOR_CLIENT_SECRET = "visitor-secret-8b1e47";

	static final String SHORT_LIVED_CLIENT_ID = "egain-short-lived";

	static final String SHORT_LIVED_CLIENT_SECRET = "short-lived-secret-c03a6e";

	/**
	 * Lifetime of the access tokens of the short-lived client.
	 */
	static final Duration SHORT_LIVED_TOKEN_TTL = Duration.ofSeconds(3);

	static final String PORTALMGR_READ = "knowledge.portalmgr.read";

	static final String PORTALMGR_MANAGE = "knowledge.portalmgr.manage";

	static final String AISERVICES_READ = "core.aiservices.read";

	static final String AISERVICES_MANAGE = "core.aiservices.manage";

	private EgainTestClients() {
	}

	/**
	 * Return the given scope with the anonymous-customer prefix.
	 * @param scope the scope name
	 * @return the prefixed scope
	 */
	static String anonymous(String scope) {
		return ANONYMOUS_SCOPE_PREFIX + scope;
	}

}
