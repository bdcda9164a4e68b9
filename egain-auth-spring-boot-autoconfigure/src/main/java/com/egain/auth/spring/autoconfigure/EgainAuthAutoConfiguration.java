package com.egain.auth.spring.autoconfigure;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import com.egain.auth.spring.EgainAccessTokens;
import com.egain.auth.spring.EgainAuthMetrics;
import com.egain.auth.spring.EgainClient;
import com.egain.auth.spring.EgainClientRegistrations;
import com.egain.auth.spring.EgainClientSecretSource;
import com.egain.auth.spring.EgainTokenStore;
import com.egain.auth.spring.credentials.ClientCredentials;
import com.egain.auth.spring.credentials.CredentialFiles;
import com.egain.auth.spring.credentials.EgainCredentials;
import com.egain.auth.spring.endpoint.EgainTokenResponseClient;
import com.egain.auth.spring.token.DefaultEgainAccessTokens;
import com.egain.auth.spring.token.InMemoryEgainTokenStore;
import io.micrometer.observation.ObservationRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.util.StringUtils;
import org.springframework.web.client.RestClient;

/**
 * Auto-configuration of eGain client-credentials tokens: the client registrations from
 * {@code egain.auth.*}, the token response client and the token cache.
 *
 * <p>Its beans are of the starter's own types only, so that the application's own
 * Spring Security configuration (and Spring Boot's OAuth2 client auto-configuration) is
 * left as it is.
 */
@AutoConfiguration(afterName = {
		"org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientAutoConfiguration",
		"org.springframework.boot.security.oauth2.client.autoconfigure.reactive.ReactiveOAuth2ClientAutoConfiguration" })
@ConditionalOnClass({ ClientRegistration.class, Mono.class, RestClient.class })
@ConditionalOnBooleanProperty(name = "egain.auth.enabled", matchIfMissing = true)
@EnableConfigurationProperties(EgainAuthProperties.class)
public final class EgainAuthAutoConfiguration {

	/**
	 * Name of the token response client bean.
	 */
	public static final String TOKEN_RESPONSE_CLIENT_BEAN_NAME = "egainTokenResponseClient";

	private static final Log logger = LogFactory.getLog(EgainAuthAutoConfiguration.class);

	@Bean
	@ConditionalOnMissingBean
	EgainClientRegistrations egainClientRegistrations(EgainAuthProperties properties,
			ObjectProvider<EgainClientSecretSource> secretSource) {
		EgainClientRegistrations registrations = EgainClientRegistrationsMapper.map(properties,
				secretSource.getIfUnique() != null);
		if (registrations.names().isEmpty()) {
			logger.warn("egain.auth.enabled is true but no eGain client is configured: "
					+ "add one under egain.auth.clients.<name>, or set egain.auth.enabled=false");
		}
		for (EgainClient client : registrations) {
			logger.info("eGain client '" + client.getName() + "': " + client.getType() + ", token endpoint host "
					+ java.net.URI.create(client.getRegistration().getProviderDetails().getTokenUri()).getHost()
					+ ", scopes " + client.getRegistration().getScopes() + ", base URL " + client.getBaseUrl());
		}
		return registrations;
	}

	@Bean
	@ConditionalOnMissingBean
	EgainCredentials egainCredentials(EgainClientRegistrations registrations, EgainAuthProperties properties,
			ObjectProvider<EgainClientSecretSource> secretSource, ObjectProvider<EgainAuthMetrics> metrics) {
		Map<String, ClientCredentials> credentials = new LinkedHashMap<>();
		for (EgainClient client : registrations) {
			String prefix = "egain.auth.clients." + client.getName() + ".";
			ClientCredentials.Builder builder = ClientCredentials.of(client)
				.metrics(metrics.getIfAvailable(() -> EgainAuthMetrics.NONE));
			EgainAuthProperties.Client configured = properties.getClients().get(client.getName());
			if (configured != null && StringUtils.hasText(configured.getClientIdFile())) {
				builder.clientIdFile(prefix + "client-id-file", CredentialFiles.path(configured.getClientIdFile()));
			}
			if (configured != null && StringUtils.hasText(configured.getClientSecretFile())) {
				builder.clientSecretFile(prefix + "client-secret-file",
						CredentialFiles.path(configured.getClientSecretFile()));
			}
			secretSource.ifUnique(builder::secretSource);
			credentials.put(client.getName(), builder.build());
		}
		return new EgainCredentials(credentials);
	}

	@Bean
	@ConditionalOnMissingBean
	EgainTokenStore egainTokenStore() {
		return new InMemoryEgainTokenStore();
	}

	@Bean(TOKEN_RESPONSE_CLIENT_BEAN_NAME)
	@ConditionalOnMissingBean
	EgainTokenResponseClient egainTokenResponseClient(EgainAuthProperties properties) {
		EgainAuthProperties.TokenEndpoint endpoint = properties.getTokenEndpoint();
		EgainTokenResponseClient client = EgainTokenResponseClient.create(endpoint.getConnectTimeout(),
				endpoint.getResponseTimeout());
		client.setMaxResponseSize(endpoint.getMaxResponseSize());
		client.setMaxAttempts(endpoint.getMaxAttempts());
		client.setBackoff(endpoint.getBackoff(), endpoint.getMaxBackoff());
		client.setDefaultTokenLifetime(properties.getDefaultTokenLifetime());
		return client;
	}

	@Bean
	@ConditionalOnMissingBean
	EgainAccessTokens egainAccessTokens(EgainClientRegistrations registrations,
			EgainTokenResponseClient responseClient, EgainTokenStore store, EgainAuthProperties properties,
			ObjectProvider<EgainAuthMetrics> metrics, ObjectProvider<ObservationRegistry> observations,
			EgainCredentials credentials) {
		DefaultEgainAccessTokens tokens = new DefaultEgainAccessTokens(registrations, responseClient, store,
				properties.getRefreshMargin(), Clock.systemUTC(), metrics.getIfAvailable(() -> EgainAuthMetrics.NONE),
				observations.getIfAvailable(() -> ObservationRegistry.NOOP), credentials);
		EgainAuthProperties.TokenEndpoint endpoint = properties.getTokenEndpoint();
		tokens.setFailureBackoff(endpoint.getFailureBackoff(), endpoint.getMaxFailureBackoff(),
				endpoint.getCredentialFailureBackoff());
		tokens.setRejectedTokenCooldown(properties.getRejectedTokenCooldown());
		return tokens;
	}

}
