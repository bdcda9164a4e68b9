package com.egain.auth.spring.token;

import java.time.Instant;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * What an operator sees of a client's token (the {@code egainauth} endpoint), never the
 * token itself.
 *
 * @param state {@code valid}, {@code expired} (the held token has expired and none
 * replaced it yet) or {@code none}
 * @param issuedAt when the held token was issued, or {@code null}
 * @param expiresAt when the held token expires, or {@code null}
 * @param refreshAt when the held token is refreshed in the background, or {@code null}
 * @param grantedScopes the scopes eGain granted the held token (its {@code scope}
 * answer), empty when it named none or no token is held
 * @param lastFailure the error code of the last failed token request since the last
 * success, or {@code null}
 * @param lastFailureAt when it failed, or {@code null}
 * @param nextAttemptAt the end of its backoff while it lasts, or {@code null}
 */
public record EgainTokenDetails(String state, @Nullable Instant issuedAt, @Nullable Instant expiresAt,
		@Nullable Instant refreshAt, Set<String> grantedScopes, @Nullable String lastFailure,
		@Nullable Instant lastFailureAt, @Nullable Instant nextAttemptAt) {

}
