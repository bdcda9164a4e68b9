package com.egain.auth.spring.autoconfigure;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.egain.auth.spring.EgainClientRegistrations;
import com.egain.auth.spring.endpoint.EgainTokenResponseClient;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The threads of the starter's {@link EgainTokenResponseClient} live as long as the
 * application context: closing the context stops them.
 */
class TokenResponseClientLifecycleTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(EgainAuthAutoConfiguration.class));

	@Test
	void closingTheContextStopsTheTokenRequestThreads() throws Exception {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			closedPort = socket.getLocalPort();
		}
		// Other clients of the same JVM may have threads of the same names: only this one's count.
		Set<Thread> before = new HashSet<>(tokenRequestThreads());
		Set<Thread> started = new HashSet<>();
		ConfigurableApplicationContext[] closed = new ConfigurableApplicationContext[1];
		this.runner
			.withPropertyValues("egain.auth.token-endpoint.max-attempts=1",
					"egain.auth.clients.portal.token-uri=http://127.0.0.1:" + closedPort
							+ "/system/auth/TMPRODB88619984-U/oauth2/token",
					"egain.auth.clients.portal.client-id=portal-id",
					"egain.auth.clients.portal.client-secret=portal-secret",
					"egain.auth.clients.portal.scopes=knowledge.portalmgr.manage")
			.run((context) -> {
				// A refused connection: the attempt still runs on one of the client's threads.
				context.getBean(EgainTokenResponseClient.class)
					.getTokenResponse(context.getBean(EgainClientRegistrations.class).get("portal"))
					.onErrorResume((ex) -> Mono.empty())
					.block(Duration.ofSeconds(10));
				tokenRequestThreads().stream().filter((thread) -> !before.contains(thread)).forEach(started::add);
				assertThat(started).isNotEmpty();
				closed[0] = context;
			});
		assertThat(closed[0].isActive()).isFalse();
		for (Thread thread : started) {
			thread.join(Duration.ofSeconds(5).toMillis());
		}
		assertThat(started).noneMatch(Thread::isAlive);
	}

	private static List<Thread> tokenRequestThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.isAlive() && thread.getName().startsWith("egain-token-request-"))
			.toList();
	}

}
