package com.egain.auth.spring.autoconfigure.redis;

import com.egain.auth.spring.EgainTokenStore;
import com.egain.auth.spring.autoconfigure.EgainAuthAutoConfiguration;
import com.egain.auth.spring.token.InMemoryEgainTokenStore;
import com.egain.auth.spring.token.redis.RedisEgainTokenStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Which token store {@code egain.auth.token-store.type} gives, and how start-up fails
 * when Redis is asked for but the application has none. No Redis is contacted.
 */
@ExtendWith(OutputCaptureExtension.class)
class EgainRedisTokenStoreAutoConfigurationTests {

	private static final String SECRET = "s3cr3t-value-never-printed";

	private static final String[] CLIENT = {
			"egain.auth.clients.portal.token-uri=https://ai.egain.cloud/system/auth/TMPRODB88619984-U/oauth2/token",
			"egain.auth.clients.portal.client-id=portal-id", "egain.auth.clients.portal.client-secret=" + SECRET,
			"egain.auth.clients.portal.scopes=knowledge.portalmgr.manage" };

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class,
				DataRedisReactiveAutoConfiguration.class, EgainRedisTokenStoreAutoConfiguration.class,
				EgainAuthAutoConfiguration.class))
		.withPropertyValues(CLIENT);

	@Test
	void tokensStayInMemoryByDefaultEvenWithSpringDataRedis() {
		this.runner.run((context) -> assertThat(context).getBean(EgainTokenStore.class)
			.isInstanceOf(InMemoryEgainTokenStore.class));
	}

	@Test
	void redisTypeSharesTokensThroughTheApplicationsRedisConnection() {
		this.runner.withPropertyValues("egain.auth.token-store.type=redis").run((context) -> {
			assertThat(context).hasSingleBean(EgainTokenStore.class);
			assertThat(context).getBean(EgainTokenStore.class).isInstanceOf(RedisEgainTokenStore.class);
			assertThat(context.getBean(EgainTokenStore.class).toString()).isEqualTo("RedisEgainTokenStore[portal]")
				.doesNotContain(SECRET);
		});
	}

	@Test
	void redisTypeIsReadWhateverItsCase() {
		this.runner.withPropertyValues("egain.auth.token-store.type=REDIS")
			.run((context) -> assertThat(context).getBean(EgainTokenStore.class)
				.isInstanceOf(RedisEgainTokenStore.class));
	}

	@Test
	void theApplicationsOwnTokenStoreWins() {
		this.runner.withPropertyValues("egain.auth.token-store.type=redis")
			.withUserConfiguration(OwnStore.class)
			.run((context) -> assertThat(context).getBean(EgainTokenStore.class).isSameAs(OwnStore.STORE));
	}

	@Test
	void redisTypeWithoutSpringDataRedisStopsTheStartUpAndSaysWhatToAdd(CapturedOutput output) {
		assertThatException().isThrownBy(() -> new SpringApplicationBuilder(Config.class)
			.resourceLoader(new DefaultResourceLoader(new FilteredClassLoader(ReactiveStringRedisTemplate.class)))
			.web(WebApplicationType.NONE)
			.properties(CLIENT)
			.properties("spring.main.banner-mode=off", "egain.auth.token-store.type=redis")
			.run());
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Property: egain.auth.token-store.type")
			.contains("Problem: is redis, but Spring Data Redis is not on the classpath")
			.contains("egain.auth.token-store.type: add spring-boot-starter-data-redis to the application's "
					+ "dependencies")
			.doesNotContain(SECRET);
	}

	@Test
	void redisTypeWithoutARedisConnectionStopsTheStartUp(CapturedOutput output) {
		assertThatException().isThrownBy(() -> new SpringApplicationBuilder(Config.class)
			.web(WebApplicationType.NONE)
			.properties(CLIENT)
			.properties("spring.main.banner-mode=off", "egain.auth.token-store.type=redis")
			.run());
		assertThat(output).contains("Property: egain.auth.token-store.type")
			.contains("Problem: is redis, but the application has no reactive Redis connection")
			.contains("add spring-boot-starter-data-redis, which brings Lettuce")
			.doesNotContain(SECRET);
	}

	@Test
	void inMemoryTypeNeedsNoRedis() {
		new ApplicationContextRunner().withClassLoader(new FilteredClassLoader(ReactiveStringRedisTemplate.class))
			.withConfiguration(AutoConfigurations.of(EgainRedisTokenStoreAutoConfiguration.class,
					EgainAuthAutoConfiguration.class))
			.withPropertyValues(CLIENT)
			.withPropertyValues("egain.auth.token-store.type=in-memory")
			.run((context) -> assertThat(context).hasNotFailed()
				.getBean(EgainTokenStore.class)
				.isInstanceOf(InMemoryEgainTokenStore.class));
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ EgainRedisTokenStoreAutoConfiguration.class, EgainAuthAutoConfiguration.class })
	static class Config {

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnStore {

		static final EgainTokenStore STORE = new InMemoryEgainTokenStore();

		@Bean
		EgainTokenStore ownTokenStore() {
			return STORE;
		}

	}

}
