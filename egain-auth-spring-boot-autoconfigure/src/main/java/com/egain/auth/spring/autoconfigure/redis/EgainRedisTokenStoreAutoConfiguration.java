package com.egain.auth.spring.autoconfigure.redis;

import java.util.List;

import com.egain.auth.spring.EgainAuthMetrics;
import com.egain.auth.spring.EgainTokenStore;
import com.egain.auth.spring.autoconfigure.EgainAuthAutoConfiguration;
import com.egain.auth.spring.autoconfigure.EgainAuthProperties;
import com.egain.auth.spring.autoconfigure.InvalidEgainConfigurationException.Problem;
import com.egain.auth.spring.autoconfigure.InvalidEgainConfigurationException;
import com.egain.auth.spring.credentials.EgainCredentials;
import com.egain.auth.spring.endpoint.EgainTokenResponseClient;
import com.egain.auth.spring.token.redis.RedisEgainTokenStore;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;

/**
 * The Redis token store, when {@code egain.auth.token-store.type=redis}: tokens shared by
 * all instances of the application through its own Spring Data Redis connection. The
 * starter brings no Redis client: without Spring Data Redis, or without a reactive
 * connection (Lettuce), start-up fails and says what to add.
 */
@AutoConfiguration(before = EgainAuthAutoConfiguration.class,
		afterName = { "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
				"org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration" })
@ConditionalOnBooleanProperty(name = "egain.auth.enabled", matchIfMissing = true)
@ConditionalOnProperty(name = "egain.auth.token-store.type", havingValue = "redis")
@EnableConfigurationProperties(EgainAuthProperties.class)
public final class EgainRedisTokenStoreAutoConfiguration {

	static final String PROPERTY = "egain.auth.token-store.type";

	static final String REDIS_TEMPLATE = "org.springframework.data.redis.core.ReactiveStringRedisTemplate";

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = REDIS_TEMPLATE)
	static class RedisTokenStoreConfiguration {

		@Bean
		@ConditionalOnMissingBean(EgainTokenStore.class)
		RedisEgainTokenStore egainTokenStore(ObjectProvider<ReactiveRedisConnectionFactory> connectionFactory,
				EgainCredentials credentials, EgainTokenResponseClient responseClient,
				EgainAuthProperties properties, ObjectProvider<EgainAuthMetrics> metrics) {
			ReactiveRedisConnectionFactory factory = connectionFactory.getIfUnique();
			if (factory == null) {
				throw new InvalidEgainConfigurationException(List.of(new Problem(PROPERTY,
						"is redis, but the application has no reactive Redis connection "
								+ "(Spring Data Redis with its Lettuce client)",
						"add spring-boot-starter-data-redis, which brings Lettuce, and configure spring.data.redis.*; "
								+ "or set it to in-memory")));
			}
			EgainAuthProperties.TokenStore.Redis redis = properties.getTokenStore().getRedis();
			RedisEgainTokenStore store = new RedisEgainTokenStore(factory, credentials, redis.getKeyPrefix(),
					redis.getTimeout(), responseClient.getTimeLimit(),
					metrics.getIfAvailable(() -> EgainAuthMetrics.NONE));
			store.setMaxWait(redis.getMaxWait());
			return store;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingClass(REDIS_TEMPLATE)
	static class MissingRedisConfiguration {

		@Bean
		@ConditionalOnMissingBean
		EgainTokenStore egainTokenStore() {
			throw new InvalidEgainConfigurationException(List.of(new Problem(PROPERTY,
					"is redis, but Spring Data Redis is not on the classpath",
					"add spring-boot-starter-data-redis to the application's dependencies and configure "
							+ "spring.data.redis.*; or set it to in-memory")));
		}

	}

}
