package com.egain.auth.spring.test;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.Set;

import com.egain.auth.spring.EgainClient;
import com.egain.auth.spring.EgainClientRegistrations;
import com.egain.auth.spring.EgainClientType;
import com.egain.auth.spring.emulator.DemoClient;
import com.egain.auth.spring.emulator.EmulatedEgainServer;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.security.oauth2.client.registration.ClientRegistration;

/**
 * Makes the emulator know the eGain clients exactly as the starter resolved them (tenant,
 * credentials, scopes, token path), once their registrations exist and before any token
 * is requested.
 */
class EmulatedClientsPostProcessor implements BeanPostProcessor {

	private final EmulatedEgainServer server;

	EmulatedClientsPostProcessor(EmulatedEgainServer server) {
		this.server = server;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof EgainClientRegistrations registrations) {
			for (EgainClient client : registrations) {
				this.server.addClient(emulated(client), tokenPath(client));
			}
		}
		return bean;
	}

	private static DemoClient emulated(EgainClient client) {
		ClientRegistration registration = client.getRegistration();
		boolean anonymous = client.getType() == EgainClientType.ANONYMOUS_CUSTOMER;
		Set<String> scopes = new LinkedHashSet<>();
		for (String scope : registration.getScopes()) {
			scopes.add(client.getType().scopeName(scope, EmulatedEgainServer.ANONYMOUS_SCOPE_PREFIX));
		}
		String tenantId = (client.getTenantId() != null) ? client.getTenantId() : EmulatedEgainServer.TENANT_ID;
		return new DemoClient(client.getName(), anonymous, tenantId, registration.getClientId(),
				registration.getClientSecret(), scopes);
	}

	private static String tokenPath(EgainClient client) {
		return URI.create(client.getRegistration().getProviderDetails().getTokenUri()).getRawPath();
	}

}
