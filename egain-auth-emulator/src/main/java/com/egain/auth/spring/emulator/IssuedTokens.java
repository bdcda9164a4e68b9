package com.egain.auth.spring.emulator;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The access tokens that the {@link EmulatedEgainServer} has issued: random values, each
 * remembered with its client, its scopes and its expiry.
 */
public final class IssuedTokens {

	private final SecureRandom random = new SecureRandom();

	private final Map<String, IssuedToken> tokens = new ConcurrentHashMap<>();

	private final Clock clock;

	IssuedTokens(Clock clock) {
		this.clock = clock;
	}

	/**
	 * Issue a new token, forgetting the tokens that have expired.
	 */
	IssuedToken issue(DemoClient client, Set<String> scopes, Duration lifetime) {
		Instant now = this.clock.instant();
		this.tokens.values().removeIf((token) -> !now.isBefore(token.expiresAt()));
		byte[] bytes = new byte[32];
		this.random.nextBytes(bytes);
		String value = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		IssuedToken token = new IssuedToken(value, client.name(), client.clientId(), client.anonymous(),
				Set.copyOf(scopes), now.plus(lifetime));
		this.tokens.put(value, token);
		return token;
	}

	/**
	 * Revoke every token issued so far to the client of the given name.
	 */
	void revoke(String clientName) {
		this.tokens.values().removeIf((token) -> token.clientName().equals(clientName));
	}

	/**
	 * Return the issued token of the given value if it has not expired, else {@code null}.
	 */
	public IssuedToken valid(String value) {
		IssuedToken token = this.tokens.get(value);
		return (token != null && this.clock.instant().isBefore(token.expiresAt())) ? token : null;
	}

	/**
	 * A token the emulator issued. {@link #toString()} leaves out its value.
	 */
	public record IssuedToken(String value, String clientName, String clientId, boolean anonymous, Set<String> scopes,
			Instant expiresAt) {

		@Override
		public String toString() {
			return "IssuedToken[clientName=" + this.clientName + ", clientId=" + this.clientId + ", anonymous=" + this.anonymous + ", scopes="
					+ this.scopes + ", expiresAt=" + this.expiresAt + "]";
		}

	}

}
