package com.egain.auth.spring.autoconfigure.web.reactive;

import java.util.function.Function;

import com.egain.auth.spring.EgainAccessTokens;
import com.egain.auth.spring.EgainAuthMetrics;
import com.egain.auth.spring.EgainClientRegistrations;
import com.egain.auth.spring.EgainExchangeFilterFunction;
import com.egain.auth.spring.EgainTokenRejectionHandler;
import com.egain.auth.spring.EgainWebClients;
import com.egain.auth.spring.autoconfigure.EgainAuthAutoConfiguration;
import com.egain.auth.spring.autoconfigure.EgainAuthProperties;
import com.egain.auth.spring.autoconfigure.PropertiesEgainConnectionSettings;
import com.egain.auth.spring.autoconfigure.web.EgainHttpServiceGroups;
import com.egain.auth.spring.autoconfigure.web.QualifiedClientBeansRegistrar;
import com.egain.auth.spring.autoconfigure.web.RedirectFreeHttpClientSettings;
import com.egain.auth.spring.http.EgainConnectionSettings;
import com.egain.auth.spring.http.PerSslBundle;
import com.egain.auth.spring.http.ProxiedHttpClientBuilders;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.service.HttpServiceClientProperties;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.core.io.ResourceLoader;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.support.WebClientHttpServiceGroupConfigurer;

/**
 * Auto-configuration of the pre-authorized {@link WebClient}s: one per eGain client,
 * built from Spring Boot's {@code WebClient.Builder} (so the application's customizers,
 * codecs and observations apply) and injectable as
 * {@code @Qualifier("<client name>") WebClient}. HTTP service groups backed by WebClient
 * whose name is a client's name get its base URL and token.
 *
 * <p>These clients never follow redirects, so that the token cannot follow one to
 * another origin: their connector is Spring Boot's (the HTTP library it detects or the
 * application's {@code ClientHttpConnectorBuilder}, with the {@code spring.http.clients.*}
 * and per-group settings) with redirects turned off. An application that defines a
 * {@code ClientHttpConnector} bean of its own gets it on these clients too, as on Spring
 * Boot's {@code WebClient.Builder}, with the redirect policy it has.
 */
@AutoConfiguration(after = EgainAuthAutoConfiguration.class,
		afterName = "org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration")
@ConditionalOnClass(name = { "org.springframework.web.reactive.function.client.WebClient",
		"org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder" })
@ConditionalOnBooleanProperty(name = "egain.auth.enabled", matchIfMissing = true)
@Import(EgainWebClientAutoConfiguration.WebClientBeans.class)
public final class EgainWebClientAutoConfiguration {

	private static final Log logger = LogFactory.getLog(EgainWebClientAutoConfiguration.class);

	@Bean
	@ConditionalOnMissingBean
	EgainExchangeFilterFunction egainExchangeFilterFunction(EgainClientRegistrations registrations,
			EgainAccessTokens tokens, ObjectProvider<EgainAuthMetrics> metrics,
			EgainTokenRejectionHandler rejections) {
		return new EgainExchangeFilterFunction(registrations, tokens, metrics.getIfAvailable(() -> EgainAuthMetrics.NONE),
				rejections);
	}

	@Bean
	@ConditionalOnMissingBean
	EgainWebClients egainWebClients(EgainClientRegistrations registrations, EgainExchangeFilterFunction filter,
			ObjectProvider<WebClient.Builder> webClientBuilder,
			ObjectProvider<ClientHttpConnectorBuilder<?>> connectorBuilder, ObjectProvider<HttpClientSettings> settings,
			ObjectProvider<SslBundles> sslBundles, ObjectProvider<EgainAuthProperties> properties,
			ResourceLoader resourceLoader, ConfigurableListableBeanFactory beanFactory) {
		EgainConnectionSettings connections = connections(properties, sslBundles);
		ClientHttpConnector applicationConnector = applicationConnector(beanFactory);
		if (applicationConnector != null) {
			if (connections.proxy() != null || connections.sslBundleName(null) != null) {
				logger.warn("The eGain WebClients use the application's own ClientHttpConnector bean: "
						+ "egain.auth.proxy.* and egain.auth.ssl-bundle do not apply to it");
			}
			// As Spring Boot's WebClient.Builder does: its redirect policy is the application's.
			return new EgainWebClients(registrations, filter,
					() -> webClientBuilder.getIfAvailable(WebClient::builder).clientConnector(applicationConnector));
		}
		ClientHttpConnectorBuilder<?> connectors = connectorBuilder(connectorBuilder, resourceLoader, connections);
		RedirectFreeHttpClientSettings redirectFree = new RedirectFreeHttpClientSettings(settings, sslBundles);
		PerSslBundle<ClientHttpConnector> clientConnectors = new PerSslBundle<>(connections,
				(clientName) -> connectors.build(redirectFree.forClient(clientName, connections)));
		return EgainWebClients.perClient(registrations, filter, (clientName) -> webClientBuilder
			.getIfAvailable(WebClient::builder)
			.clientConnector(clientConnectors.get(clientName)));
	}

	/**
	 * The application's own {@code ClientHttpConnector} bean, which Spring Boot's
	 * {@code WebClient.Builder} uses, or {@code null} when there is none or it is the one
	 * Spring Boot builds from its {@code ClientHttpConnectorBuilder} and settings.
	 */
	private static @Nullable ClientHttpConnector applicationConnector(ConfigurableListableBeanFactory beanFactory) {
		String[] names = beanFactory.getBeanNamesForType(ClientHttpConnector.class, false, false);
		if (names.length != 1) {
			return null;
		}
		String factoryBean = beanFactory.getMergedBeanDefinition(names[0]).getFactoryBeanName();
		boolean bootsOwn = factoryBean != null
				&& ReactiveHttpClientAutoConfiguration.class.equals(beanFactory.getType(factoryBean, false));
		return bootsOwn ? null : beanFactory.getBean(names[0], ClientHttpConnector.class);
	}

	@Bean
	@ConditionalOnMissingBean(name = "egainWebClientHttpServiceGroupConfigurer")
	WebClientHttpServiceGroupConfigurer egainWebClientHttpServiceGroupConfigurer(
			EgainClientRegistrations registrations, EgainExchangeFilterFunction filter) {
		return new BaseUrlAndTokenConfigurer(registrations, filter);
	}

	/**
	 * Turns redirects off on the connectors of the eGain groups, after every other
	 * configurer (Spring Boot's sets a connector from the group's properties).
	 */
	@Bean
	@ConditionalOnMissingBean(name = "egainWebClientHttpServiceGroupRedirectsConfigurer")
	WebClientHttpServiceGroupConfigurer egainWebClientHttpServiceGroupRedirectsConfigurer(
			EgainClientRegistrations registrations, ObjectProvider<ClientHttpConnectorBuilder<?>> connectorBuilder,
			ObjectProvider<HttpClientSettings> settings, ObjectProvider<HttpServiceClientProperties> groupProperties,
			ObjectProvider<SslBundles> sslBundles, ObjectProvider<EgainAuthProperties> properties,
			ResourceLoader resourceLoader) {
		EgainConnectionSettings connections = connections(properties, sslBundles);
		ClientHttpConnectorBuilder<?> connectors = connectorBuilder(connectorBuilder, resourceLoader, connections);
		RedirectFreeHttpClientSettings redirectFree = new RedirectFreeHttpClientSettings(settings, sslBundles,
				groupProperties);
		return new RedirectFreeConfigurer(registrations,
				(groupName) -> connectors.build(redirectFree.forGroup(groupName, connections)));
	}

	private static ClientHttpConnectorBuilder<?> connectorBuilder(
			ObjectProvider<ClientHttpConnectorBuilder<?>> connectorBuilder, ResourceLoader resourceLoader,
			EgainConnectionSettings connections) {
		return PropertiesEgainConnectionSettings.withProxyChecked(() -> ProxiedHttpClientBuilders.connectorBuilder(
				connectorBuilder
					.getIfAvailable(() -> ClientHttpConnectorBuilder.detect(resourceLoader.getClassLoader())),
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
	static final class BaseUrlAndTokenConfigurer implements WebClientHttpServiceGroupConfigurer {

		private final EgainClientRegistrations registrations;

		private final EgainExchangeFilterFunction filter;

		BaseUrlAndTokenConfigurer(EgainClientRegistrations registrations, EgainExchangeFilterFunction filter) {
			this.registrations = registrations;
			this.filter = filter;
		}

		@Override
		public void configureGroups(Groups<WebClient.Builder> groups) {
			EgainHttpServiceGroups.configure(groups, this.registrations, (client, builder) -> builder
				.baseUrl(client.getBaseUrl().toString())
				.filter(this.filter.forClient(client.getName())));
		}

		@Override
		public int getOrder() {
			return Ordered.HIGHEST_PRECEDENCE;
		}

	}

	/**
	 * Puts a connector that follows no redirect on the HTTP service groups of eGain
	 * clients, last, after Spring Boot's own configurer has set one from the group's
	 * properties.
	 */
	static final class RedirectFreeConfigurer implements WebClientHttpServiceGroupConfigurer {

		private final EgainClientRegistrations registrations;

		private final Function<String, ClientHttpConnector> connectors;

		RedirectFreeConfigurer(EgainClientRegistrations registrations,
				Function<String, ClientHttpConnector> connectors) {
			this.registrations = registrations;
			this.connectors = connectors;
		}

		@Override
		public void configureGroups(Groups<WebClient.Builder> groups) {
			EgainHttpServiceGroups.configure(groups, this.registrations,
					(client, builder) -> builder.clientConnector(this.connectors.apply(client.getName())));
		}

		@Override
		public int getOrder() {
			return Ordered.LOWEST_PRECEDENCE;
		}

	}

	/**
	 * The {@code egainWebClient.<client name>} beans.
	 */
	static class WebClientBeans extends QualifiedClientBeansRegistrar<WebClient> {

		WebClientBeans() {
			super(WebClient.class, "egainWebClient.", "webClient");
		}

		/**
		 * Factory method of the {@code egainWebClient.<client name>} beans.
		 * @param webClients the WebClients of all clients
		 * @param clientName the client's name
		 * @return the client's WebClient
		 */
		static WebClient webClient(EgainWebClients webClients, String clientName) {
			return webClients.get(clientName);
		}

	}

}
