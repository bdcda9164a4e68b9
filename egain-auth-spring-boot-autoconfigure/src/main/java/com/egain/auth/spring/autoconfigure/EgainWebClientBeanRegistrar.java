package com.egain.auth.spring.autoconfigure;

import java.util.Map;

import com.egain.auth.spring.EgainWebClients;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.support.AutowireCandidateQualifier;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Registers one {@link WebClient} bean per configured eGain client, named
 * {@code egainWebClient.<client name>} and qualified with the client's name. The beans
 * are not default candidates, so an application that injects its own unqualified
 * {@code WebClient} still gets its own.
 */
class EgainWebClientBeanRegistrar implements ImportBeanDefinitionRegistrar, EnvironmentAware, BeanFactoryAware {

	/**
	 * Prefix of the bean names of the pre-authorized WebClients.
	 */
	static final String BEAN_NAME_PREFIX = "egainWebClient.";

	private Environment environment;

	private BeanFactory beanFactory;

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	@Override
	public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
		for (String clientName : clientNames(this.environment)) {
			String beanName = BEAN_NAME_PREFIX + clientName;
			if (registry.containsBeanDefinition(beanName)) {
				continue;
			}
			BeanFactory beanFactory = this.beanFactory;
			RootBeanDefinition definition = new RootBeanDefinition(WebClient.class,
					() -> beanFactory.getBean(EgainWebClients.class).get(clientName));
			definition.setDefaultCandidate(false);
			definition.addQualifier(new AutowireCandidateQualifier(Qualifier.class, clientName));
			registry.registerBeanDefinition(beanName, definition);
		}
	}

	static Iterable<String> clientNames(Environment environment) {
		try {
			return Binder.get(environment)
				.bind("egain.auth.clients", Bindable.mapOf(String.class, Object.class))
				.map(Map::keySet)
				.orElse(java.util.Set.of());
		}
		catch (RuntimeException ex) {
			// The properties binding reports the mistake with its own failure analysis.
			return java.util.Set.of();
		}
	}

}
