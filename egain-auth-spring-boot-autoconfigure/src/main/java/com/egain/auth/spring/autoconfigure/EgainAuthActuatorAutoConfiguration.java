package com.egain.auth.spring.autoconfigure;

import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Keeps eGain client secrets out of the {@code configprops} and {@code env} endpoints,
 * even when an application shows their values.
 */
@AutoConfiguration
@ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.SanitizingFunction")
public final class EgainAuthActuatorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "egainClientSecretSanitizingFunction")
	SanitizingFunction egainClientSecretSanitizingFunction() {
		return (data) -> {
			String key = data.getLowerCaseKey();
			boolean egainSecret = (key.startsWith("egain.auth.") || key.startsWith("egain_auth_"))
					&& (key.endsWith("secret") || key.endsWith("client-secret") || key.endsWith("clientsecret"));
			boolean egainSecretVariable = key.equals("egain_client_secret");
			return (egainSecret || egainSecretVariable) ? data.withSanitizedValue() : data;
		};
	}

}
