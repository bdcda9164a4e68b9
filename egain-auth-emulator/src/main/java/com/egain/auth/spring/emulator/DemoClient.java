package com.egain.auth.spring.emulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * A client application known to the {@link EgainEmulator}: its id, a secret generated
 * when the emulator is created, and the scopes assigned to it (without any prefix).
 * {@link #toString()} leaves out the secret.
 */
public record DemoClient(String clientId, String clientSecret, Set<String> scopes) {

	static DemoClient generate(String clientId, Set<String> scopes) {
		byte[] bytes = new byte[24];
		new SecureRandom().nextBytes(bytes);
		return new DemoClient(clientId, Base64.getUrlEncoder().withoutPadding().encodeToString(bytes), scopes);
	}

	/**
	 * Whether the given credentials are this client's, compared in constant time.
	 */
	boolean authenticates(String clientId, String clientSecret) {
		return this.clientId.equals(clientId) && MessageDigest.isEqual(
				this.clientSecret.getBytes(StandardCharsets.UTF_8), clientSecret.getBytes(StandardCharsets.UTF_8));
	}

	@Override
	public String toString() {
		return "DemoClient[clientId=" + this.clientId + ", scopes=" + this.scopes + "]";
	}

}
