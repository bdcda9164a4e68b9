package com.egain.auth.spring.emulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * A client application known to the {@link EmulatedEgainServer}: the name of the eGain client
 * it stands for, its flow, its tenant, its credentials, and the scopes assigned to it
 * (without the anonymous-customer prefix). {@link #toString()} leaves out the secret.
 *
 * @param name the client's name, as under {@code egain.auth.clients}
 * @param anonymous whether it takes anonymous-customer tokens
 * @param tenantId the tenant id, the {@code domain_hint} of anonymous-customer requests
 * @param clientId the client id
 * @param clientSecret the client secret
 * @param scopes the scopes assigned to it, without the anonymous-customer prefix
 */
public record DemoClient(String name, boolean anonymous, String tenantId, String clientId, String clientSecret,
		Set<String> scopes) {

	public DemoClient {
		scopes = Set.copyOf(scopes);
	}

	static DemoClient generate(String name, boolean anonymous, String clientId, Set<String> scopes) {
		return new DemoClient(name, anonymous, EmulatedEgainServer.TENANT_ID, clientId, generateSecret(), scopes);
	}

	/**
	 * A random client secret.
	 * @return the secret
	 */
	public static String generateSecret() {
		byte[] bytes = new byte[24];
		new SecureRandom().nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
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
		return "DemoClient[name=" + this.name + ", anonymous=" + this.anonymous + ", tenantId=" + this.tenantId
				+ ", clientId=" + this.clientId + ", scopes=" + this.scopes + "]";
	}

}
