package com.egain.auth.spring.sample.mvc;

import com.egain.auth.spring.EgainRestClients;
import com.egain.auth.spring.EgainWebClients;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.util.ClassUtils;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.servlet.DispatcherServlet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The MVC sample uses the starter with {@code spring-boot-starter-webclient} excluded: no
 * WebFlux and no Reactor Netty on its classpath, a servlet web application, RestClients
 * and no WebClients.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("emulator")
class MvcSampleClasspathTests {

	@Autowired
	private ApplicationContext context;

	@Test
	void hasNoWebFluxNorReactorNettyOnItsClasspath() {
		ClassLoader classLoader = getClass().getClassLoader();
		assertThat(ClassUtils.isPresent("org.springframework.web.reactive.function.client.WebClient", classLoader))
			.isFalse();
		assertThat(ClassUtils.isPresent("org.springframework.web.reactive.DispatcherHandler", classLoader)).isFalse();
		assertThat(ClassUtils.isPresent("reactor.netty.http.client.HttpClient", classLoader)).isFalse();
	}

	@Test
	void isAServletWebApplication() {
		assertThat(this.context).isInstanceOf(WebApplicationContext.class);
		assertThat(this.context.getBeanNamesForType(DispatcherServlet.class)).isNotEmpty();
	}

	@Test
	void definesEgainRestClientsButNoEgainWebClients() {
		assertThat(this.context.getBeanNamesForType(EgainRestClients.class)).hasSize(1);
		assertThat(this.context.getBeanNamesForType(EgainWebClients.class)).isEmpty();
	}

}
