package com.egain.auth.spring.autoconfigure;

import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

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

/**
 * Registers one bean of a client type per configured eGain client, named
 * {@code <prefix><client name>} and qualified with the client's name. The beans are not
 * default candidates, so an application that injects its own unqualified client of that
 * type still gets its own.
 *
 * @param <T> the type of the client beans
 */
abstract class QualifiedClientBeansRegistrar<T>
		implements ImportBeanDefinitionRegistrar, EnvironmentAware, BeanFactoryAware {

	private final Class<T> type;

	private final String beanNamePrefix;

	private final BiFunction<BeanFactory, String, T> factory;

	private Environment environment;

	private BeanFactory beanFactory;

	QualifiedClientBeansRegistrar(Class<T> type, String beanNamePrefix, BiFunction<BeanFactory, String, T> factory) {
		this.type = type;
		this.beanNamePrefix = beanNamePrefix;
		this.factory = factory;
	}

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
			String beanName = this.beanNamePrefix + clientName;
			if (registry.containsBeanDefinition(beanName)) {
				continue;
			}
			BeanFactory beanFactory = this.beanFactory;
			RootBeanDefinition definition = new RootBeanDefinition(this.type,
					() -> this.factory.apply(beanFactory, clientName));
			definition.setDefaultCandidate(false);
			definition.addQualifier(new AutowireCandidateQualifier(Qualifier.class, clientName));
			registry.registerBeanDefinition(beanName, definition);
		}
	}

	private static Set<String> clientNames(Environment environment) {
		try {
			return Binder.get(environment)
				.bind("egain.auth.clients", Bindable.mapOf(String.class, Object.class))
				.map(Map::keySet)
				.orElse(Set.of());
		}
		catch (RuntimeException ex) {
			// The properties binding reports the mistake with its own failure analysis.
			return Set.of();
		}
	}

}
