package com.egain.auth.spring.autoconfigure.web;

import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.beans.factory.support.AutowireCandidateQualifier;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.util.Assert;

/**
 * Registers one bean of a client type per configured eGain client, named
 * {@code <prefix><client name>} and qualified with the client's name. The beans are not
 * default candidates, so an application that injects its own unqualified client of that
 * type still gets its own.
 *
 * <p>Each bean is created by a static factory method of the subclass that takes the
 * bean holding the clients (injected by type) and the client's name (a constructor
 * argument of the bean definition). Spring AOT writes such a definition as code, so an
 * application processed ahead of time gets the same beans.
 *
 * @param <T> the type of the client beans
 */
public abstract class QualifiedClientBeansRegistrar<T> implements ImportBeanDefinitionRegistrar, EnvironmentAware {

	private final Class<T> type;

	private final String beanNamePrefix;

	private final String factoryMethodName;

	private @Nullable Environment environment;

	/**
	 * Create a registrar.
	 * @param type the type of the client beans
	 * @param beanNamePrefix the prefix of their names
	 * @param factoryMethodName the name of the subclass's static factory method, whose
	 * parameters are the bean holding the clients and the client's name
	 */
	protected QualifiedClientBeansRegistrar(Class<T> type, String beanNamePrefix, String factoryMethodName) {
		this.type = type;
		this.beanNamePrefix = beanNamePrefix;
		this.factoryMethodName = factoryMethodName;
	}

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
		Environment environment = this.environment;
		Assert.state(environment != null, "No Environment set");
		Set<String> clientNames;
		try {
			clientNames = EgainClientNames.bind(environment);
		}
		catch (RuntimeException ex) {
			// The properties binding reports the mistake with its own failure analysis.
			return;
		}
		for (String clientName : clientNames) {
			String beanName = this.beanNamePrefix + clientName;
			if (!registry.containsBeanDefinition(beanName)) {
				registry.registerBeanDefinition(beanName, definition(clientName));
			}
		}
	}

	private RootBeanDefinition definition(String clientName) {
		RootBeanDefinition definition = new RootBeanDefinition(getClass());
		definition.setFactoryMethodName(this.factoryMethodName);
		definition.setTargetType(this.type);
		definition.setAutowireMode(AbstractBeanDefinition.AUTOWIRE_CONSTRUCTOR);
		definition.getConstructorArgumentValues().addIndexedArgumentValue(1, clientName);
		definition.setDefaultCandidate(false);
		definition.addQualifier(new AutowireCandidateQualifier(Qualifier.class, clientName));
		return definition;
	}

}
