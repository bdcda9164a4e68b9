package com.egain.auth.spring;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * What is known of a client's token, without the token itself.
 *
 * @param expiresAt when the held token expires, or {@code null} when no valid token is
 * held
 * @param lastError the error code of the last failed token request since the last
 * success, or {@code null}
 */
public record EgainTokenStatus(@Nullable Instant expiresAt, @Nullable String lastError) {

	/**
	 * Whether a valid token is held.
	 * @return whether a valid token is held
	 */
	public boolean hasValidToken() {
		return this.expiresAt != null;
	}

}
