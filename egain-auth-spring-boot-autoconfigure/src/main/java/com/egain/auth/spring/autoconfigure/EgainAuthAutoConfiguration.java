package com.egain.auth.spring.autoconfigure;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.egain.auth.spring.EgainAccessTokens;
import com.egain.auth.spring.EgainAuthMetrics;
import com.egain.auth.spring.EgainClient;
import com.egain.auth.spring.EgainClientRegistrations;
import com.egain.auth.spring.EgainClientSecretSource;
import com.egain.auth.spring.EgainTokenRejectionHandler;
import com.egain.auth.spring.EgainTokenStore;
import com.egain.auth.spring.RenewingEgainTokenRejectionHandler;
import com.egain.auth.spring.autoconfigure.InvalidEgainConfigurationException.Problem;
import com.egain.auth.spring.credentials.ClientCredentials;
import com.egain.auth.spring.credentials.CredentialFiles;
import com.egain.auth.spring.credentials.EgainCredentials;
import com.egain.auth.spring.endpoint.EgainTokenResponseClient;
import com.egain.auth.spring.http.TokenRequestClients;
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
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;
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

	private static final String BOOT_HTTP_CLIENT_BUILDER = "org.springframework.boot.http.client."
			+ "ClientHttpRequestFactoryBuilder";

	private static final Log logger = LogFactory.getLog(EgainAuthAutoConfiguration.class);

	@Bean
	@ConditionalOnMissingBean
	EgainClientRegistrations egainClientRegistrations(EgainAuthProperties properties,
			ObjectProvider<SslBundles> sslBundles, ObjectProvider<EgainClientSecretSource> secretSource) {
		PropertiesEgainConnectionSettings connections = new PropertiesEgainConnectionSettings(properties,
				sslBundles.getIfAvailable());
		EgainClientRegistrations registrations = mapWithConnectionProblems(properties,
				secretSource.getIfUnique() != null, connections.problems());
		if (registrations.names().isEmpty()) {
			logger.warn("egain.auth.enabled is true but no eGain client is configured: "
					+ "add one under egain.auth.clients.<name>, or set egain.auth.enabled=false");
		}
		for (EgainClient client : registrations) {
			logger.info("eGain client '" + client.getName() + "': " + client.getType() + ", token endpoint host "
					+ java.net.URI.create(client.getRegistration().getProviderDetails().getTokenUri()).getHost()
					+ ", scopes " + client.getRegistration().getScopes() + ", base URL " + client.getBaseUrl()
					+ connection(connections.details(client.getName())));
		}
		return registrations;
	}

	/**
	 * Map the properties, reporting the SSL bundle and proxy problems together with the
	 * clients' own.
	 */
	private static EgainClientRegistrations mapWithConnectionProblems(EgainAuthProperties properties,
			boolean secretSource, List<Problem> connectionProblems) {
		EgainClientRegistrations registrations;
		try {
			registrations = EgainClientRegistrationsMapper.map(properties, secretSource);
		}
		catch (InvalidEgainConfigurationException ex) {
			List<Problem> problems = new ArrayList<>(ex.getProblems());
			problems.addAll(connectionProblems);
			throw new InvalidEgainConfigurationException(problems);
		}
		if (!connectionProblems.isEmpty()) {
			throw new InvalidEgainConfigurationException(connectionProblems);
		}
		return registrations;
	}

	private static String connection(Map<String, Object> details) {
		StringBuilder text = new StringBuilder();
		if (details.get("proxy") != null) {
			text.append(", via proxy ").append(details.get("proxy"));
		}
		if (details.get("sslBundle") != null) {
			text.append(", SSL bundle ").append(details.get("sslBundle"));
		}
		return text.toString();
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

	/**
	 * A builder of the token response client with the settings of the properties, which are
	 * checked first: an invalid configuration fails before the client starts any thread.
	 */
	private static EgainTokenResponseClient.Builder responseClientBuilder(EgainAuthProperties properties) {
		// Checked here too for an application whose own EgainClientRegistrations skips the mapper.
		// The registrations are made first (each bean method takes them), so that the mapper
		// reports these mistakes together with the clients' own.
		EgainSettingsValidator.requireValid(properties);
		EgainAuthProperties.TokenEndpoint endpoint = properties.getTokenEndpoint();
		return EgainTokenResponseClient.builder()
			.connectTimeout(endpoint.getConnectTimeout())
			.responseTimeout(endpoint.getResponseTimeout())
			.maxResponseSize(endpoint.getMaxResponseSize())
			.maxAttempts(endpoint.getMaxAttempts())
			.backoff(endpoint.getBackoff(), endpoint.getMaxBackoff())
			.defaultTokenLifetime(properties.getDefaultTokenLifetime());
	}

	/**
	 * Token requests on Spring Boot's HTTP client infrastructure: its
	 * {@code ClientHttpRequestFactoryBuilder} (the application's, or the one it detects)
	 * with the SSL bundle of {@code spring.http.clients.*}, the starter's SSL bundles and
	 * proxy, its own time limits and no redirects.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = BOOT_HTTP_CLIENT_BUILDER)
	static class BootHttpClientTokenRequests {

		@Bean(TOKEN_RESPONSE_CLIENT_BEAN_NAME)
		@ConditionalOnMissingBean
		EgainTokenResponseClient egainTokenResponseClient(EgainAuthProperties properties,
				EgainClientRegistrations registrations,
				ObjectProvider<ClientHttpRequestFactoryBuilder<?>> requestFactoryBuilder,
				ObjectProvider<HttpClientSettings> settings, ObjectProvider<SslBundles> sslBundles,
				ResourceLoader resourceLoader) {
			EgainAuthProperties.TokenEndpoint endpoint = properties.getTokenEndpoint();
			TokenRequestClients restClients = PropertiesEgainConnectionSettings
				.withProxyChecked(() -> new TokenRequestClients(requestFactoryBuilder
					.getIfAvailable(() -> ClientHttpRequestFactoryBuilder.detect(resourceLoader.getClassLoader())),
						settings.getIfAvailable(HttpClientSettings::defaults),
						new PropertiesEgainConnectionSettings(properties, sslBundles.getIfAvailable()),
						endpoint.getConnectTimeout(), endpoint.getResponseTimeout()));
			return responseClientBuilder(properties).restClients(restClients).proxies(restClients::proxyFor).build();
		}

	}

	/**
	 * Token requests on the JDK's HTTP client, without Spring Boot's HTTP client module
	 * ({@code spring-boot-http-client}), which the starter's SSL bundle and proxy settings
	 * need.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingClass(BOOT_HTTP_CLIENT_BUILDER)
	static class JdkTokenRequests {

		@Bean(TOKEN_RESPONSE_CLIENT_BEAN_NAME)
		@ConditionalOnMissingBean
		EgainTokenResponseClient egainTokenResponseClient(EgainAuthProperties properties,
				EgainClientRegistrations registrations) {
			boolean bundle = StringUtils.hasText(properties.getSslBundle());
			if (bundle || StringUtils.hasText(properties.getProxy().getHost())) {
				throw new InvalidEgainConfigurationException(List.of(new Problem(
						bundle ? "egain.auth.ssl-bundle" : "egain.auth.proxy.host",
						"needs Spring Boot's HTTP client module, which is not on the class path",
						"add org.springframework.boot:spring-boot-starter-restclient (the eGain starter brings it)")));
			}
			return responseClientBuilder(properties).build();
		}

	}

	@Bean
	@ConditionalOnMissingBean
	EgainAccessTokens egainAccessTokens(EgainClientRegistrations registrations,
			EgainTokenResponseClient responseClient, EgainTokenStore store, EgainAuthProperties properties,
			ObjectProvider<EgainAuthMetrics> metrics, ObjectProvider<ObservationRegistry> observations,
			EgainCredentials credentials) {
		EgainSettingsValidator.requireValid(properties);
		DefaultEgainAccessTokens tokens = new DefaultEgainAccessTokens(registrations, responseClient, store,
				properties.getRefreshMargin(), Clock.systemUTC(), System::nanoTime,
				metrics.getIfAvailable(() -> EgainAuthMetrics.NONE), observations.getIfAvailable(() -> ObservationRegistry.NOOP), credentials);
		EgainAuthProperties.TokenEndpoint endpoint = properties.getTokenEndpoint();
		tokens.setFailureBackoff(endpoint.getFailureBackoff(), endpoint.getMaxFailureBackoff(),
				endpoint.getCredentialFailureBackoff());
		tokens.setMaxRetryAfter(endpoint.getMaxRetryAfter());
		return tokens;
	}

	@Bean
	@ConditionalOnMissingBean
	EgainTokenRejectionHandler egainTokenRejectionHandler(EgainAccessTokens tokens, EgainAuthProperties properties,
			ObjectProvider<EgainAuthMetrics> metrics) {
		EgainSettingsValidator.requireValid(properties);
		return new RenewingEgainTokenRejectionHandler(tokens, metrics.getIfAvailable(() -> EgainAuthMetrics.NONE),
				properties.getRejectedTokenCooldown());
	}

}
