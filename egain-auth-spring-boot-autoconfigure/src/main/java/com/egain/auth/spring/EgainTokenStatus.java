package com.egain.auth.spring;

import java.time.Instant;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * What is known of a client's token, without the token itself.
 *
 * @param expiresAt when the held token expires, or {@code null} when no valid token is
 * held
 * @param lastError the error code of the last failed token request since the last
 * success, or {@code null}
 * @param grantedScopes the scopes granted to the held token: the token response's
 * {@code scope}, or the scopes requested when it had none; empty when no valid token is
 * held or they are not known (a token another instance requested through a shared token
 * store)
 */
public record EgainTokenStatus(@Nullable Instant expiresAt, @Nullable String lastError, Set<String> grantedScopes) {

	/**
	 * A status without granted scopes.
	 * @param expiresAt when the held token expires, or {@code null} when no valid token is
	 * held
	 * @param lastError the error code of the last failed token request since the last
	 * success, or {@code null}
	 */
	public EgainTokenStatus(@Nullable Instant expiresAt, @Nullable String lastError) {
		this(expiresAt, lastError, Set.of());
	}

	/**
	 * Whether a valid token is held.
	 * @return whether a valid token is held
	 */
	public boolean hasValidToken() {
		return this.expiresAt != null;
	}

}
