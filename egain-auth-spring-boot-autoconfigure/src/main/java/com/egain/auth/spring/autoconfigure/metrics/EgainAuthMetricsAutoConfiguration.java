package com.egain.auth.spring.autoconfigure.metrics;

import com.egain.auth.spring.EgainAccessTokens;
import com.egain.auth.spring.EgainAuthMetrics;
import com.egain.auth.spring.EgainClientRegistrations;
import com.egain.auth.spring.autoconfigure.EgainAuthAutoConfiguration;
import com.egain.auth.spring.metrics.EgainTokenExpiryMeterBinder;
import com.egain.auth.spring.metrics.MicrometerEgainAuthMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Micrometer metrics of the eGain token lifecycle, when Micrometer is on the classpath
 * and the application has a {@link MeterRegistry}.
 */
@AutoConfiguration(before = EgainAuthAutoConfiguration.class,
		afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration")
@ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
@ConditionalOnBean(type = "io.micrometer.core.instrument.MeterRegistry")
@ConditionalOnBooleanProperty(name = "egain.auth.enabled", matchIfMissing = true)
public final class EgainAuthMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	EgainAuthMetrics egainAuthMetrics(MeterRegistry registry) {
		return new MicrometerEgainAuthMetrics(registry);
	}

	@Bean
	@ConditionalOnMissingBean(name = "egainTokenExpiryMeterBinder")
	MeterBinder egainTokenExpiryMeterBinder(ObjectProvider<EgainClientRegistrations> registrations,
			ObjectProvider<EgainAccessTokens> tokens) {
		return new EgainTokenExpiryMeterBinder(registrations, tokens);
	}

}
