package com.egain.auth.spring.autoconfigure.metrics;

import java.time.Instant;

import com.egain.auth.spring.EgainAccessTokens;
import com.egain.auth.spring.EgainAuthMetrics;
import com.egain.auth.spring.EgainClient;
import com.egain.auth.spring.EgainClientRegistrations;
import com.egain.auth.spring.EgainTokenStatus;
import com.egain.auth.spring.autoconfigure.EgainAuthAutoConfiguration;
import io.micrometer.core.instrument.Gauge;
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

	static final String EXPIRY = "egain.auth.token.expiry";

	@Bean
	@ConditionalOnMissingBean
	EgainAuthMetrics egainAuthMetrics(MeterRegistry registry) {
		return new MicrometerEgainAuthMetrics(registry);
	}

	@Bean
	@ConditionalOnMissingBean(name = "egainTokenExpiryMeterBinder")
	MeterBinder egainTokenExpiryMeterBinder(ObjectProvider<EgainClientRegistrations> registrations,
			ObjectProvider<EgainAccessTokens> tokens) {
		return (registry) -> registrations.ifAvailable((clients) -> {
			for (EgainClient client : clients) {
				Gauge.builder(EXPIRY, tokens, (source) -> secondsLeft(source.getObject().status(client.getName())))
					.description("Seconds until the held token expires (0 when none is held)")
					.baseUnit("seconds")
					.tag("client", client.getName())
					.register(registry);
			}
		});
	}

	private static double secondsLeft(EgainTokenStatus status) {
		Instant expiresAt = status.expiresAt();
		if (expiresAt == null) {
			// No valid token is held.
			return 0;
		}
		return Math.max(0, expiresAt.toEpochMilli() - System.currentTimeMillis()) / 1000.0;
	}

}
