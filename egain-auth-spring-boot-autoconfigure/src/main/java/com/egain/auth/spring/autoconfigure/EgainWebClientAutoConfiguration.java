package com.egain.auth.spring.autoconfigure;

import com.egain.auth.spring.EgainAccessTokens;
import com.egain.auth.spring.EgainClientRegistrations;
import com.egain.auth.spring.EgainExchangeFilterFunction;
import com.egain.auth.spring.EgainWebClients;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.support.WebClientHttpServiceGroupConfigurer;

/**
 * Auto-configuration of the pre-authorized {@link WebClient}s: one per eGain client,
 * built from Spring Boot's {@code WebClient.Builder} (so the application's customizers,
 * codecs and observations apply) and injectable as
 * {@code @Qualifier("<client name>") WebClient}. HTTP service groups backed by WebClient
 * whose name is a client's name get its base URL and token.
 */
@AutoConfiguration(after = EgainAuthAutoConfiguration.class,
		afterName = "org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration")
@ConditionalOnClass(name = "org.springframework.web.reactive.function.client.WebClient")
@ConditionalOnBooleanProperty(name = "egain.auth.enabled", matchIfMissing = true)
@Import(EgainWebClientAutoConfiguration.WebClientBeans.class)
public final class EgainWebClientAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	EgainExchangeFilterFunction egainExchangeFilterFunction(EgainClientRegistrations registrations,
			EgainAccessTokens tokens) {
		return new EgainExchangeFilterFunction(registrations, tokens);
	}

	@Bean
	@ConditionalOnMissingBean
	EgainWebClients egainWebClients(EgainClientRegistrations registrations, EgainExchangeFilterFunction filter,
			ObjectProvider<WebClient.Builder> webClientBuilder) {
		return new EgainWebClients(registrations, filter, () -> webClientBuilder.getIfAvailable(WebClient::builder));
	}

	@Bean
	@ConditionalOnMissingBean(name = "egainWebClientHttpServiceGroupConfigurer")
	WebClientHttpServiceGroupConfigurer egainWebClientHttpServiceGroupConfigurer(
			EgainClientRegistrations registrations, EgainExchangeFilterFunction filter) {
		return new WebClientHttpServiceGroupConfigurer() {

			@Override
			public void configureGroups(Groups<WebClient.Builder> groups) {
				groups.filter((group) -> registrations.names().contains(group.name()))
					.forEachClient((group, builder) -> builder
						.baseUrl(registrations.get(group.name()).getBaseUrl().toString())
						.filter(filter.forClient(group.name())));
			}

			@Override
			public int getOrder() {
				// First, so that the application's own group settings win.
				return Ordered.HIGHEST_PRECEDENCE;
			}

		};
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
