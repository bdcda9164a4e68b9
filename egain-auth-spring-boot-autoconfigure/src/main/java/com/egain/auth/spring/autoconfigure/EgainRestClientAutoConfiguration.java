package com.egain.auth.spring.autoconfigure;

import com.egain.auth.spring.EgainAccessTokens;
import com.egain.auth.spring.EgainClientHttpRequestInterceptor;
import com.egain.auth.spring.EgainClientRegistrations;
import com.egain.auth.spring.EgainRestClients;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientHttpServiceGroupConfigurer;

/**
 * Auto-configuration of the pre-authorized {@link RestClient}s: one per eGain client,
 * built from Spring Boot's {@code RestClient.Builder} (so the application's customizers
 * and observations apply) and injectable as {@code @Qualifier("<client name>")
 * RestClient}. HTTP service groups backed by RestClient whose name is a client's name get
 * its base URL and token. Needs no WebFlux.
 */
@AutoConfiguration(after = EgainAuthAutoConfiguration.class,
		afterName = "org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration")
@ConditionalOnClass(RestClient.class)
@ConditionalOnBooleanProperty(name = "egain.auth.enabled", matchIfMissing = true)
@Import(EgainRestClientAutoConfiguration.RestClientBeans.class)
public final class EgainRestClientAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	EgainClientHttpRequestInterceptor egainClientHttpRequestInterceptor(EgainClientRegistrations registrations,
			EgainAccessTokens tokens) {
		return new EgainClientHttpRequestInterceptor(registrations, tokens);
	}

	@Bean
	@ConditionalOnMissingBean
	EgainRestClients egainRestClients(EgainClientRegistrations registrations,
			EgainClientHttpRequestInterceptor interceptor, ObjectProvider<RestClient.Builder> restClientBuilder) {
		return new EgainRestClients(registrations, interceptor,
				() -> restClientBuilder.getIfAvailable(RestClient::builder));
	}

	@Bean
	@ConditionalOnMissingBean(name = "egainRestClientHttpServiceGroupConfigurer")
	RestClientHttpServiceGroupConfigurer egainRestClientHttpServiceGroupConfigurer(
			EgainClientRegistrations registrations, EgainClientHttpRequestInterceptor interceptor) {
		return new RestClientHttpServiceGroupConfigurer() {

			@Override
			public void configureGroups(Groups<RestClient.Builder> groups) {
				groups.filter((group) -> registrations.names().contains(group.name()))
					.forEachClient((group, builder) -> builder
						.baseUrl(registrations.get(group.name()).getBaseUrl().toString())
						.requestInterceptor(interceptor.forClient(group.name())));
			}

			@Override
			public int getOrder() {
				// First, so that the application's own group settings win.
				return Ordered.HIGHEST_PRECEDENCE;
			}

		};
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
