package com.egain.auth.spring.autoconfigure.cloud;

import com.egain.auth.spring.autoconfigure.EgainAuthAutoConfiguration;
import com.egain.auth.spring.credentials.EgainCredentials;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * When Spring Cloud Context is on the classpath: a refresh ({@code /actuator/refresh},
 * Spring Cloud Config, Vault or Kubernetes configuration reload) that changes a client's
 * {@code client-secret} or {@code client-id} makes its next token request use the new
 * value; a change of any other {@code egain.auth} property is logged at WARN as needing a
 * restart.
 */
@AutoConfiguration(after = EgainAuthAutoConfiguration.class)
@ConditionalOnClass(name = EgainAuthRefreshAutoConfiguration.ENVIRONMENT_CHANGE_EVENT)
@ConditionalOnBean(EgainCredentials.class)
@ConditionalOnBooleanProperty(name = "egain.auth.enabled", matchIfMissing = true)
public final class EgainAuthRefreshAutoConfiguration {

	static final String ENVIRONMENT_CHANGE_EVENT = "org.springframework.cloud.context.environment.EnvironmentChangeEvent";

	@Bean
	@ConditionalOnMissingBean
	EgainEnvironmentChangeListener egainEnvironmentChangeListener(EgainCredentials credentials,
			Environment environment) {
		return new EgainEnvironmentChangeListener(credentials, environment);
	}

}
