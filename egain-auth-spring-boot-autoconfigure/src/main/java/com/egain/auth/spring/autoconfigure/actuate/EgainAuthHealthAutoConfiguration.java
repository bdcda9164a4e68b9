package com.egain.auth.spring.autoconfigure.actuate;

import java.util.LinkedHashMap;
import java.util.Map;

import com.egain.auth.spring.EgainAccessTokens;
import com.egain.auth.spring.EgainClientRegistrations;
import com.egain.auth.spring.EgainTokenStore;
import com.egain.auth.spring.actuate.EgainTokenHealthIndicator;
import com.egain.auth.spring.autoconfigure.EgainAuthAutoConfiguration;
import com.egain.auth.spring.autoconfigure.EgainAuthProperties;
import com.egain.auth.spring.autoconfigure.PropertiesEgainConnectionSettings;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.CompositeReactiveHealthContributor;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * The {@code egainAuth} health contributor, when Spring Boot's health support is on the
 * classpath: one indicator per eGain client. The state of a shared token store is a
 * detail of each, which never changes its status.
 */
@AutoConfiguration(after = EgainAuthAutoConfiguration.class)
@ConditionalOnClass(name = "org.springframework.boot.health.contributor.ReactiveHealthIndicator")
@ConditionalOnBean(EgainAccessTokens.class)
@ConditionalOnEnabledHealthIndicator("egainAuth")
@ConditionalOnBooleanProperty(name = "egain.auth.enabled", matchIfMissing = true)
public final class EgainAuthHealthAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "egainAuthHealthContributor")
	CompositeReactiveHealthContributor egainAuthHealthContributor(EgainClientRegistrations registrations,
			EgainAccessTokens tokens, EgainAuthProperties properties, ObjectProvider<EgainTokenStore> store) {
		Map<String, ReactiveHealthIndicator> indicators = new LinkedHashMap<>();
		EgainTokenStore tokenStore = store.getIfUnique();
		// Names only (proxy host:port, SSL bundle), never credentials.
		PropertiesEgainConnectionSettings connections = new PropertiesEgainConnectionSettings(properties, null);
		for (String name : registrations.names()) {
			indicators.put(name, new EgainTokenHealthIndicator(name, tokens, properties.getHealth().isActiveCheck(),
					tokenStore)
				.withConnection(connections.details(name)));
		}
		return CompositeReactiveHealthContributor.fromMap(indicators);
	}

}
