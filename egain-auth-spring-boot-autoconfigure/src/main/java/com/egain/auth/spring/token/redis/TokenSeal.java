package com.egain.auth.spring.token.redis;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.TreeSet;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import com.egain.auth.spring.EgainClient;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.OAuth2AccessToken;

/**
 * The Redis key names of one client and the seal of its stored tokens. Both come from
 * keys derived from the client secret with HKDF-SHA256 (RFC 5869): the key names are an
 * HMAC over the token URI, client id and scopes, so they identify the client without
 * revealing it and differ for every secret; the stored value is the token, its issue and
 * expiry times, encrypted and authenticated with AES-256-GCM under a random 96-bit nonce,
 * with the key name as associated data. Without the client secret a stored value is of no
 * use; after the secret is rotated, old entries are neither found nor readable.
 */
final class TokenSeal {

	private static final byte[] SALT = "egain-auth-spring-boot-starter token store".getBytes(StandardCharsets.UTF_8);

	private static final String VERSION = "1";

	private static final int NONCE_BYTES = 12;

	private static final int TAG_BITS = 128;

	private static final SecureRandom random = new SecureRandom();

	private final SecretKeySpec key;

	private final String tokenKey;

	private final String lockKey;

	private TokenSeal(SecretKeySpec key, String tokenKey, String lockKey) {
		this.key = key;
		this.tokenKey = tokenKey;
		this.lockKey = lockKey;
	}

	/**
	 * Derive the keys of the given client.
	 * @param keyPrefix the prefix of the Redis keys
	 * @param client the client
	 * @return the seal
	 */
	static TokenSeal of(String keyPrefix, EgainClient client) {
		ClientRegistration registration = client.getRegistration();
		byte[] pseudoRandomKey = hmac(SALT, registration.getClientSecret().getBytes(StandardCharsets.UTF_8));
		SecretKeySpec sealKey = new SecretKeySpec(expand(pseudoRandomKey, "token seal v" + VERSION), "AES");
		byte[] nameKey = expand(pseudoRandomKey, "key name v" + VERSION);
		String identity = client.getTokenRequestUri() + "\n" + registration.getClientId() + "\n"
				+ String.join(" ", new TreeSet<>(registration.getScopes()));
		String id = HexFormat.of().formatHex(hmac(nameKey, identity.getBytes(StandardCharsets.UTF_8)));
		return new TokenSeal(sealKey, keyPrefix + "token:" + id, keyPrefix + "lock:" + id);
	}

	/**
	 * The Redis key of the client's token.
	 * @return the key
	 */
	String tokenKey() {
		return this.tokenKey;
	}

	/**
	 * The Redis key of the lock held while one instance requests the client's token.
	 * @return the key
	 */
	String lockKey() {
		return this.lockKey;
	}

	/**
	 * Seal the given token.
	 * @param token the token, with its expiry
	 * @return the Base64 of the nonce and the ciphertext with its tag
	 */
	String seal(OAuth2AccessToken token) {
		String plain = VERSION + "\n" + millis(token.getIssuedAt()) + "\n" + millis(token.getExpiresAt()) + "\n"
				+ token.getTokenValue();
		byte[] nonce = new byte[NONCE_BYTES];
		random.nextBytes(nonce);
		try {
			Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce);
			byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
			return Base64.getEncoder()
				.encodeToString(ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-GCM is not available", ex);
		}
	}

	/**
	 * Open a sealed token.
	 * @param sealed the stored value, or {@code null}
	 * @return the token, or {@code null} when there is none or it was not sealed with this
	 * client's key under this key name
	 */
	@Nullable OAuth2AccessToken unseal(@Nullable String sealed) {
		if (sealed == null) {
			return null;
		}
		try {
			byte[] bytes = Base64.getDecoder().decode(sealed);
			if (bytes.length <= NONCE_BYTES) {
				return null;
			}
			Cipher cipher = cipher(Cipher.DECRYPT_MODE, java.util.Arrays.copyOf(bytes, NONCE_BYTES));
			String plain = new String(cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES),
					StandardCharsets.UTF_8);
			String[] fields = plain.split("\n", 4);
			if (fields.length != 4 || !VERSION.equals(fields[0]) || fields[2].isEmpty()) {
				return null;
			}
			Instant issuedAt = fields[1].isEmpty() ? null : Instant.ofEpochMilli(Long.parseLong(fields[1]));
			Instant expiresAt = Instant.ofEpochMilli(Long.parseLong(fields[2]));
			return new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, fields[3], issuedAt, expiresAt);
		}
		catch (GeneralSecurityException | IllegalArgumentException ex) {
			return null;
		}
	}

	private Cipher cipher(int mode, byte[] nonce) throws GeneralSecurityException {
		Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
		cipher.init(mode, this.key, new GCMParameterSpec(TAG_BITS, nonce));
		cipher.updateAAD(this.tokenKey.getBytes(StandardCharsets.UTF_8));
		return cipher;
	}

	private static String millis(@Nullable Instant instant) {
		return (instant != null) ? Long.toString(instant.toEpochMilli()) : "";
	}

	/**
	 * HKDF-Expand to 32 bytes: one block of HMAC-SHA256.
	 */
	private static byte[] expand(byte[] pseudoRandomKey, String info) {
		byte[] input = (info + "\u0001").getBytes(StandardCharsets.UTF_8);
		return hmac(pseudoRandomKey, input);
	}

	private static byte[] hmac(byte[] key, byte[] data) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key, "HmacSHA256"));
			return mac.doFinal(data);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

	@Override
	public String toString() {
		return "TokenSeal[" + this.tokenKey + "]";
	}

}
