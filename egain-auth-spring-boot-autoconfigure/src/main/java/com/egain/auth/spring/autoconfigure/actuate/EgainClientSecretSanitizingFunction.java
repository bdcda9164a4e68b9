package com.egain.auth.spring.autoconfigure.actuate;

import java.util.HashSet;
import java.util.Set;

import com.egain.auth.spring.EgainClient;
import com.egain.auth.spring.EgainClientRegistrations;
import com.egain.auth.spring.autoconfigure.EgainAuthProperties;
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
class EgainClientSecretSanitizingFunction implements SanitizingFunction {

	private final SingletonSupplier<Set<String>> secrets;

	EgainClientSecretSanitizingFunction(ObjectProvider<EgainClientRegistrations> registrations,
			ObjectProvider<EgainAuthProperties> properties) {
		this.secrets = SingletonSupplier
			.of(() -> secretsOf(registrations.getIfAvailable(), properties.getIfAvailable()));
	}

	private static Set<String> secretsOf(@Nullable EgainClientRegistrations registrations,
			@Nullable EgainAuthProperties properties) {
		Set<String> secrets = new HashSet<>();
		String proxyPassword = (properties != null) ? properties.getProxy().getPassword() : null;
		if (proxyPassword != null && !proxyPassword.isBlank()) {
			secrets.add(proxyPassword.trim());
		}
		if (registrations != null) {
			for (EgainClient client : registrations) {
				secrets.add(client.getRegistration().getClientSecret().trim());
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

	private boolean isSecretValue(@Nullable Object value) {
		return value != null && this.secrets.obtain().contains(String.valueOf(value).trim());
	}

}
