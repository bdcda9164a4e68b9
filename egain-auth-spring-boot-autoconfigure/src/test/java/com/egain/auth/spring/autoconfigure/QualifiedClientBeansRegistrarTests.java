package com.egain.auth.spring.autoconfigure;

import com.egain.auth.spring.EgainClientHttpRequestInterceptor;
import com.egain.auth.spring.EgainClientRegistrations;
import com.egain.auth.spring.EgainExchangeFilterFunction;
import com.egain.auth.spring.EgainRestClients;
import com.egain.auth.spring.EgainWebClients;
import com.egain.auth.spring.autoconfigure.EgainAuthAutoConfiguration;
import com.egain.auth.spring.autoconfigure.web.client.EgainRestClientAutoConfiguration;
import com.egain.auth.spring.autoconfigure.web.reactive.EgainWebClientAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.TypeReference;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.test.tools.CompileWithForkedClassLoader;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code egainWebClient.<name>} and {@code egainRestClient.<name>} beans, with and
 * without Spring AOT.
 */
class QualifiedClientBeansRegistrarTests {

	private static final Class<?>[] AUTO_CONFIGURATIONS = { EgainAuthAutoConfiguration.class,
			EgainWebClientAutoConfiguration.class, EgainRestClientAutoConfiguration.class };

	@Test
	@CompileWithForkedClassLoader
	void qualifiedClientsAreInjectedInAContextStartedFromCodeGeneratedAheadOfTime() {
		AheadOfTime.process(configurations(QualifiedInjection.class), EgainAuthAutoConfigurationTests.TWO_CLIENTS,
				(generated) -> {
					try (GenericApplicationContext context = generated
						.start(EgainAuthAutoConfigurationTests.TWO_CLIENTS)) {
						QualifiedClients injected = context.getBean(QualifiedClients.class);
						EgainWebClients webClients = context.getBean(EgainWebClients.class);
						EgainRestClients restClients = context.getBean(EgainRestClients.class);
						assertThat(injected.portalWebClient()).isSameAs(webClients.get("portal"));
						assertThat(injected.visitorWebClient()).isSameAs(webClients.get("visitor"));
						assertThat(injected.portalRestClient()).isSameAs(restClients.get("portal"));
						assertThat(injected.visitorRestClient()).isSameAs(restClients.get("visitor"));
						assertThat(context.getBean("egainWebClient.portal")).isSameAs(webClients.get("portal"));
						assertThat(context.getBean("egainRestClient.visitor")).isSameAs(restClients.get("visitor"));
					}
				});
	}

	@Test
	@CompileWithForkedClassLoader
	void clientBeansGeneratedAheadOfTimeAreNoDefaultCandidates() {
		AheadOfTime.process(configurations(OwnClients.class), EgainAuthAutoConfigurationTests.TWO_CLIENTS,
				(generated) -> {
					try (GenericApplicationContext context = generated
						.start(EgainAuthAutoConfigurationTests.TWO_CLIENTS)) {
						OwnClientsUser user = context.getBean(OwnClientsUser.class);
						assertThat(user.webClient()).isSameAs(OwnClients.WEB_CLIENT);
						assertThat(user.restClient()).isSameAs(OwnClients.REST_CLIENT);
					}
				});
	}

	@Test
	void factoryMethodsOfTheClientBeansCanBeFoundInANativeImage() {
		RuntimeHints hints = AheadOfTime.hints(AUTO_CONFIGURATIONS, EgainAuthAutoConfigurationTests.TWO_CLIENTS);
		// The generated code looks each factory method up by reflection: the type hint covers it.
		assertThat(RuntimeHintsPredicates.reflection().onType(TypeReference.of(EgainWebClientAutoConfiguration.class.getName() + "$WebClientBeans")))
			.accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(TypeReference.of(EgainRestClientAutoConfiguration.class.getName() + "$RestClientBeans")))
			.accepts(hints);
	}

	@Test
	void clientBeansComeFromTheApplicationsOwnEgainWebClientsAndRestClientsWhateverTheirNames() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(AUTO_CONFIGURATIONS))
			.withPropertyValues(EgainAuthAutoConfigurationTests.TWO_CLIENTS)
			.withUserConfiguration(OwnEgainClients.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean("egainWebClient.portal"))
					.isSameAs(context.getBean("myWebClients", EgainWebClients.class).get("portal"));
				assertThat(context.getBean("egainRestClient.portal"))
					.isSameAs(context.getBean("myRestClients", EgainRestClients.class).get("portal"));
			});
	}

	private static Class<?>[] configurations(Class<?> userConfiguration) {
		Class<?>[] configurations = new Class<?>[AUTO_CONFIGURATIONS.length + 1];
		configurations[0] = userConfiguration;
		System.arraycopy(AUTO_CONFIGURATIONS, 0, configurations, 1, AUTO_CONFIGURATIONS.length);
		return configurations;
	}

	@Configuration(proxyBeanMethods = false)
	static class QualifiedInjection {

		@Bean
		QualifiedClients qualifiedClients(@Qualifier("portal") WebClient portalWebClient,
				@Qualifier("visitor") WebClient visitorWebClient, @Qualifier("portal") RestClient portalRestClient,
				@Qualifier("visitor") RestClient visitorRestClient) {
			return new QualifiedClients(portalWebClient, visitorWebClient, portalRestClient, visitorRestClient);
		}

	}

	record QualifiedClients(WebClient portalWebClient, WebClient visitorWebClient, RestClient portalRestClient,
			RestClient visitorRestClient) {
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnClients {

		static final WebClient WEB_CLIENT = WebClient.create("http://localhost:1");

		static final RestClient REST_CLIENT = RestClient.create("http://localhost:1");

		@Bean
		WebClient myWebClient() {
			return WEB_CLIENT;
		}

		@Bean
		RestClient myRestClient() {
			return REST_CLIENT;
		}

		@Bean
		OwnClientsUser ownClientsUser(WebClient webClient, RestClient restClient) {
			return new OwnClientsUser(webClient, restClient);
		}

	}

	record OwnClientsUser(WebClient webClient, RestClient restClient) {
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnEgainClients {

		@Bean
		EgainWebClients myWebClients(EgainClientRegistrations registrations, EgainExchangeFilterFunction filter) {
			return new EgainWebClients(registrations, filter, WebClient::builder);
		}

		@Bean
		EgainRestClients myRestClients(EgainClientRegistrations registrations,
				EgainClientHttpRequestInterceptor interceptor) {
			return new EgainRestClients(registrations, interceptor, RestClient::builder);
		}

	}

}
