package com.egain.auth.spring.autoconfigure.web.client;

import java.util.function.Function;

import com.egain.auth.spring.EgainAccessTokens;
import com.egain.auth.spring.EgainAuthMetrics;
import com.egain.auth.spring.EgainClientHttpRequestInterceptor;
import com.egain.auth.spring.EgainClientRegistrations;
import com.egain.auth.spring.EgainRestClients;
import com.egain.auth.spring.EgainTokenRejectionHandler;
import com.egain.auth.spring.autoconfigure.EgainAuthAutoConfiguration;
import com.egain.auth.spring.autoconfigure.EgainAuthProperties;
import com.egain.auth.spring.autoconfigure.PropertiesEgainConnectionSettings;
import com.egain.auth.spring.autoconfigure.web.EgainHttpServiceGroups;
import com.egain.auth.spring.autoconfigure.web.QualifiedClientBeansRegistrar;
import com.egain.auth.spring.autoconfigure.web.RedirectFreeHttpClientSettings;
import com.egain.auth.spring.http.EgainConnectionSettings;
import com.egain.auth.spring.http.PerSslBundle;
import com.egain.auth.spring.http.ProxiedHttpClientBuilders;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.autoconfigure.service.HttpServiceClientProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.core.io.ResourceLoader;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientHttpServiceGroupConfigurer;

/**
 * Auto-configuration of the pre-authorized {@link RestClient}s: one per eGain client,
 * built from Spring Boot's {@code RestClient.Builder} (so the application's customizers
 * and observations apply) and injectable as {@code @Qualifier("<client name>")
 * RestClient}. HTTP service groups backed by RestClient whose name is a client's name get
 * its base URL and token. Needs no WebFlux.
 *
 * <p>These clients never follow redirects, so that the token cannot follow one to
 * another origin: their request factory is Spring Boot's (the HTTP library it detects or
 * the application's {@code ClientHttpRequestFactoryBuilder}, with the
 * {@code spring.http.clients.*} and per-group settings) with redirects turned off. A
 * {@code 3xx} answer reaches the caller as it is.
 */
@AutoConfiguration(after = EgainAuthAutoConfiguration.class,
		afterName = "org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration")
@ConditionalOnClass(name = { "org.springframework.web.client.RestClient",
		"org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder" })
@ConditionalOnBooleanProperty(name = "egain.auth.enabled", matchIfMissing = true)
@Import(EgainRestClientAutoConfiguration.RestClientBeans.class)
public final class EgainRestClientAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	EgainClientHttpRequestInterceptor egainClientHttpRequestInterceptor(EgainClientRegistrations registrations,
			EgainAccessTokens tokens, ObjectProvider<EgainAuthMetrics> metrics,
			EgainTokenRejectionHandler rejections) {
		return new EgainClientHttpRequestInterceptor(registrations, tokens, metrics.getIfAvailable(() -> EgainAuthMetrics.NONE),
				rejections);
	}

	@Bean
	@ConditionalOnMissingBean
	EgainRestClients egainRestClients(EgainClientRegistrations registrations,
			EgainClientHttpRequestInterceptor interceptor, ObjectProvider<RestClient.Builder> restClientBuilder,
			ObjectProvider<ClientHttpRequestFactoryBuilder<?>> requestFactoryBuilder,
			ObjectProvider<HttpClientSettings> settings, ObjectProvider<SslBundles> sslBundles,
			ObjectProvider<EgainAuthProperties> properties, ResourceLoader resourceLoader) {
		EgainConnectionSettings connections = connections(properties, sslBundles);
		ClientHttpRequestFactoryBuilder<?> factoryBuilder = requestFactoryBuilder(requestFactoryBuilder, resourceLoader,
				connections);
		RedirectFreeHttpClientSettings redirectFree = new RedirectFreeHttpClientSettings(settings, sslBundles);
		PerSslBundle<ClientHttpRequestFactory> requestFactories = new PerSslBundle<>(connections,
				(clientName) -> factoryBuilder.build(redirectFree.forClient(clientName, connections)));
		return EgainRestClients.perClient(registrations, interceptor, (clientName) -> restClientBuilder
			.getIfAvailable(RestClient::builder)
			.requestFactory(requestFactories.get(clientName)));
	}

	@Bean
	@ConditionalOnMissingBean(name = "egainRestClientHttpServiceGroupConfigurer")
	RestClientHttpServiceGroupConfigurer egainRestClientHttpServiceGroupConfigurer(
			EgainClientRegistrations registrations, EgainClientHttpRequestInterceptor interceptor) {
		return new BaseUrlAndTokenConfigurer(registrations, interceptor);
	}

	/**
	 * Turns redirects off on the request factories of the eGain groups, after every other
	 * configurer (Spring Boot's sets a request factory from the group's properties).
	 */
	@Bean
	@ConditionalOnMissingBean(name = "egainRestClientHttpServiceGroupRedirectsConfigurer")
	RestClientHttpServiceGroupConfigurer egainRestClientHttpServiceGroupRedirectsConfigurer(
			EgainClientRegistrations registrations,
			ObjectProvider<ClientHttpRequestFactoryBuilder<?>> requestFactoryBuilder,
			ObjectProvider<HttpClientSettings> settings, ObjectProvider<HttpServiceClientProperties> groupProperties,
			ObjectProvider<SslBundles> sslBundles, ObjectProvider<EgainAuthProperties> properties,
			ResourceLoader resourceLoader) {
		EgainConnectionSettings connections = connections(properties, sslBundles);
		ClientHttpRequestFactoryBuilder<?> factoryBuilder = requestFactoryBuilder(requestFactoryBuilder, resourceLoader,
				connections);
		RedirectFreeHttpClientSettings redirectFree = new RedirectFreeHttpClientSettings(settings, sslBundles,
				groupProperties);
		return new RedirectFreeConfigurer(registrations, (groupName) -> factoryBuilder
			.build(redirectFree.forGroup(groupName, connections)));
	}

	private static ClientHttpRequestFactoryBuilder<?> requestFactoryBuilder(
			ObjectProvider<ClientHttpRequestFactoryBuilder<?>> requestFactoryBuilder, ResourceLoader resourceLoader,
			EgainConnectionSettings connections) {
		return PropertiesEgainConnectionSettings.withProxyChecked(() -> ProxiedHttpClientBuilders
			.requestFactoryBuilder(requestFactoryBuilder
				.getIfAvailable(() -> ClientHttpRequestFactoryBuilder.detect(resourceLoader.getClassLoader())),
					connections.proxy()));
	}

	private static EgainConnectionSettings connections(ObjectProvider<EgainAuthProperties> properties,
			ObjectProvider<SslBundles> sslBundles) {
		return new PropertiesEgainConnectionSettings(properties.getIfAvailable(EgainAuthProperties::new),
				sslBundles.getIfAvailable());
	}

	/**
	 * Gives the HTTP service groups of eGain clients their client's base URL and token,
	 * first, so that the application's own group settings win.
	 */
	static final class BaseUrlAndTokenConfigurer implements RestClientHttpServiceGroupConfigurer {

		private final EgainClientRegistrations registrations;

		private final EgainClientHttpRequestInterceptor interceptor;

		BaseUrlAndTokenConfigurer(EgainClientRegistrations registrations,
				EgainClientHttpRequestInterceptor interceptor) {
			this.registrations = registrations;
			this.interceptor = interceptor;
		}

		@Override
		public void configureGroups(Groups<RestClient.Builder> groups) {
			EgainHttpServiceGroups.configure(groups, this.registrations, (client, builder) -> builder
				.baseUrl(client.getBaseUrl().toString())
				.requestInterceptor(this.interceptor.forClient(client.getName())));
		}

		@Override
		public int getOrder() {
			return Ordered.HIGHEST_PRECEDENCE;
		}

	}

	/**
	 * Puts a request factory that follows no redirect on the HTTP service groups of eGain
	 * clients, last, after Spring Boot's own configurer has set one from the group's
	 * properties.
	 */
	static final class RedirectFreeConfigurer implements RestClientHttpServiceGroupConfigurer {

		private final EgainClientRegistrations registrations;

		private final Function<String, ClientHttpRequestFactory> requestFactories;

		RedirectFreeConfigurer(EgainClientRegistrations registrations,
				Function<String, ClientHttpRequestFactory> requestFactories) {
			this.registrations = registrations;
			this.requestFactories = requestFactories;
		}

		@Override
		public void configureGroups(Groups<RestClient.Builder> groups) {
			EgainHttpServiceGroups.configure(groups, this.registrations,
					(client, builder) -> builder.requestFactory(this.requestFactories.apply(client.getName())));
		}

		@Override
		public int getOrder() {
			return Ordered.LOWEST_PRECEDENCE;
		}

	}

	/**
	 * The {@code egainRestClient.<client name>} beans.
	 */
	static class RestClientBeans extends QualifiedClientBeansRegistrar<RestClient> {

		RestClientBeans() {
			super(RestClient.class, "egainRestClient.", "restClient");
		}

		/**
		 * Factory method of the {@code egainRestClient.<client name>} beans.
		 * @param restClients the RestClients of all clients
		 * @param clientName the client's name
		 * @return the client's RestClient
		 */
		static RestClient restClient(EgainRestClients restClients, String clientName) {
			return restClients.get(clientName);
		}

	}

}
