package com.egain.auth.spring.autoconfigure.actuate;

import com.egain.auth.spring.EgainClientRegistrations;
import com.egain.auth.spring.actuate.EgainClientSecretSanitizingFunction;
import com.egain.auth.spring.autoconfigure.EgainAuthAutoConfiguration;
import com.egain.auth.spring.autoconfigure.EgainAuthProperties;
import com.egain.auth.spring.credentials.EgainCredentials;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Keeps eGain client secrets out of the {@code configprops} and {@code env} endpoints,
 * even when an application shows their values. Active even with
 * {@code egain.auth.enabled=false}: the secrets may still be in the configuration.
 */
@AutoConfiguration(after = EgainAuthAutoConfiguration.class)
@ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.SanitizingFunction")
public final class EgainAuthActuatorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "egainClientSecretSanitizingFunction")
	SanitizingFunction egainClientSecretSanitizingFunction(ObjectProvider<EgainClientRegistrations> registrations,
			ObjectProvider<EgainAuthProperties> properties, ObjectProvider<EgainCredentials> credentials) {
		return new EgainClientSecretSanitizingFunction(registrations, () -> proxyPassword(properties), credentials);
	}

	private static @Nullable String proxyPassword(ObjectProvider<EgainAuthProperties> properties) {
		EgainAuthProperties configured = properties.getIfAvailable();
		return (configured != null) ? configured.getProxy().getPassword() : null;
	}

}
