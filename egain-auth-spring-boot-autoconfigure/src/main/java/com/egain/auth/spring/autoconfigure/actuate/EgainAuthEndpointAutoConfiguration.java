package com.egain.auth.spring.autoconfigure.actuate;

import java.time.Duration;

import com.egain.auth.spring.EgainAccessTokens;
import com.egain.auth.spring.EgainClientRegistrations;
import com.egain.auth.spring.EgainTokenStore;
import com.egain.auth.spring.actuate.EgainAuthEndpoint;
import com.egain.auth.spring.autoconfigure.EgainAuthAutoConfiguration;
import com.egain.auth.spring.credentials.EgainCredentials;
import com.egain.auth.spring.endpoint.EgainTokenResponseClient;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The {@code egainauth} Actuator endpoint, when Spring Boot's Actuator is on the
 * classpath. Like every endpoint but health, it is reachable over HTTP only when the
 * application exposes it ({@code management.endpoints.web.exposure.include}).
 */
@AutoConfiguration(after = EgainAuthAutoConfiguration.class)
@ConditionalOnClass(name = { "org.springframework.boot.actuate.endpoint.annotation.Endpoint",
		"org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint" })
@ConditionalOnBean(EgainAccessTokens.class)
@ConditionalOnBooleanProperty(name = "egain.auth.enabled", matchIfMissing = true)
public final class EgainAuthEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnAvailableEndpoint
	EgainAuthEndpoint egainAuthEndpoint(EgainClientRegistrations registrations, EgainAccessTokens tokens,
			ObjectProvider<EgainCredentials> credentials, ObjectProvider<EgainTokenStore> store,
			ObjectProvider<EgainTokenResponseClient> responseClient) {
		EgainTokenResponseClient client = responseClient.getIfUnique();
		// A shared store may wait for another instance's token request for its time limit plus a second.
		Duration timeLimit = ((client != null) ? client.getTimeLimit() : Duration.ofSeconds(45))
			.plusSeconds(2);
		return new EgainAuthEndpoint(registrations, tokens, credentials.getIfUnique(), store.getIfUnique(),
				timeLimit);
	}

}
