package com.egain.auth.spring.interop;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

/**
 * Rejects access tokens that were revoked: at the in-JVM authorization server's
 * revocation endpoint (when that server runs in this application), or by a test through
 * {@link #revoke(String)} (for an authorization server elsewhere).
 */
final class RevokedTokens implements OAuth2TokenValidator<Jwt> {

	private static final OAuth2Error REVOKED = new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN,
			"The access token was revoked", null);

	private final OAuth2AuthorizationService authorizationService;

	private final Set<String> revoked = ConcurrentHashMap.newKeySet();

	RevokedTokens(OAuth2AuthorizationService authorizationService) {
		this.authorizationService = authorizationService;
	}

	/**
	 * Reject the given access token from now on.
	 * @param tokenValue the token
	 */
	void revoke(String tokenValue) {
		this.revoked.add(tokenValue);
	}

	@Override
	public OAuth2TokenValidatorResult validate(Jwt jwt) {
		return isRevoked(jwt.getTokenValue()) ? OAuth2TokenValidatorResult.failure(REVOKED)
				: OAuth2TokenValidatorResult.success();
	}

	private boolean isRevoked(String tokenValue) {
		if (this.revoked.contains(tokenValue)) {
			return true;
		}
		if (this.authorizationService == null) {
			return false;
		}
		OAuth2Authorization authorization = this.authorizationService.findByToken(tokenValue,
				OAuth2TokenType.ACCESS_TOKEN);
		return authorization == null || authorization.getAccessToken().isInvalidated();
	}

}
