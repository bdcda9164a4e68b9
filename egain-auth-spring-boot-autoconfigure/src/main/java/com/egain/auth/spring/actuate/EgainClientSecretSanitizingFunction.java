package com.egain.auth.spring.actuate;

import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;

import com.egain.auth.spring.EgainClient;
import com.egain.auth.spring.EgainClientRegistrations;
import com.egain.auth.spring.credentials.ClientCredentials;
import com.egain.auth.spring.credentials.EgainCredentials;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.util.function.SingletonSupplier;

/**
 * Masks a property when its key names an eGain client secret or the proxy password, or
 * when its value is the secret of a configured eGain client or the proxy password
 * ({@code egain.auth.proxy.password}), whatever the property is called (for example the
 * environment variable a placeholder reads it from).
 */
public class EgainClientSecretSanitizingFunction implements SanitizingFunction {

	private final SingletonSupplier<Set<String>> secrets;

	private final ObjectProvider<EgainCredentials> credentials;

	/**
	 * Create the function.
	 * @param registrations the clients, whose start-up secrets are masked
	 * @param proxyPassword the proxy password ({@code egain.auth.proxy.password}), or
	 * {@code null}; asked once, on the first value to check
	 * @param credentials the clients' current credentials, whose rotated secrets are masked
	 */
	public EgainClientSecretSanitizingFunction(ObjectProvider<EgainClientRegistrations> registrations,
			Supplier<@Nullable String> proxyPassword, ObjectProvider<EgainCredentials> credentials) {
		this.secrets = SingletonSupplier.of(() -> secretsOf(registrations.getIfAvailable(), proxyPassword.get()));
		this.credentials = credentials;
	}

	private static Set<String> secretsOf(@Nullable EgainClientRegistrations registrations,
			@Nullable String proxyPassword) {
		Set<String> secrets = new HashSet<>();
		if (proxyPassword != null && !proxyPassword.isBlank()) {
			secrets.add(proxyPassword.trim());
		}
		if (registrations != null) {
			for (EgainClient client : registrations) {
				addSecret(secrets, client);
			}
		}
		return secrets;
	}

	@Override
	public SanitizableData apply(SanitizableData data) {
		return (isSecretKey(data.getLowerCaseKey()) || isSecretValue(data.getValue())) ? data.withSanitizedValue()
				: data;
	}

	private static boolean isSecretKey(String key) {
		boolean egainProperty = key.startsWith("egain.auth.") || key.startsWith("egain_auth_");
		return (egainProperty && (key.endsWith("secret") || key.endsWith("clientsecret") || key.endsWith("password")))
				|| key.equals("egain_client_secret");
	}

	private static void addSecret(Set<String> secrets, EgainClient client) {
		String secret = client.getRegistration().getClientSecret().trim();
		if (!secret.isEmpty()) {
			secrets.add(secret);
		}
	}

	private boolean isSecretValue(@Nullable Object value) {
		if (value == null) {
			return false;
		}
		String text = String.valueOf(value).trim();
		if (this.secrets.obtain().contains(text)) {
			return true;
		}
		// A secret that replaced the one of the start-up (a rotation).
		EgainCredentials credentials = this.credentials.getIfAvailable();
		if (credentials == null) {
			return false;
		}
		Set<String> current = new HashSet<>();
		for (ClientCredentials client : credentials) {
			addSecret(current, client.latest());
		}
		return current.contains(text);
	}

}
