package com.egain.auth.spring.test;

import com.egain.auth.spring.EgainAccessTokens;
import com.egain.auth.spring.EgainClientRegistrations;

import org.springframework.context.ApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;

/**
 * Gives each test method of a shared context a fresh start: before it, the emulator's
 * counts and stubs are reset and the starter's cached tokens dropped, so that
 * {@link EgainEmulator#tokenRequestCount} counts that test's token requests; after a test
 * that injected a fault, its context is closed, so that no backoff or cool-down of the
 * starter reaches the next test.
 */
class EgainEmulatorTestExecutionListener implements TestExecutionListener, Ordered {

	@Override
	public int getOrder() {
		// Before Spring's own listeners' method callbacks, after dependency injection.
		return 2500;
	}

	@Override
	public void beforeTestMethod(TestContext testContext) {
		EgainEmulator emulator = emulator(testContext);
		if (emulator == null) {
			return;
		}
		emulator.reset();
		ApplicationContext context = testContext.getApplicationContext();
		EgainAccessTokens tokens = context.getBeanProvider(EgainAccessTokens.class).getIfAvailable();
		EgainClientRegistrations registrations = context.getBeanProvider(EgainClientRegistrations.class)
			.getIfAvailable();
		if (tokens != null && registrations != null) {
			for (String name : registrations.names()) {
				OAuth2AccessToken current = tokens.peek(name);
				if (current != null) {
					tokens.invalidate(name, current).block();
				}
			}
		}
	}

	@Override
	public void afterTestMethod(TestContext testContext) {
		EgainEmulator emulator = emulator(testContext);
		if (emulator != null && emulator.faultsInjected()) {
			emulator.clearFaults();
			testContext.markApplicationContextDirty(null);
		}
	}

	private static EgainEmulator emulator(TestContext testContext) {
		if (!testContext.hasApplicationContext()) {
			return null;
		}
		return testContext.getApplicationContext().getBeanProvider(EgainEmulator.class).getIfAvailable();
	}

}
