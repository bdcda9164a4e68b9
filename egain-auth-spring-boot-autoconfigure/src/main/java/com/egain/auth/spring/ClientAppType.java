package com.egain.auth.spring;

import java.net.URI;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The client app ({@link EgainClientType#CLIENT_APP}): tokens from its own token URL,
 * which names its tenant, with its scopes as configured; no tenant id needed.
 */
final class ClientAppType implements ClientTypeVariant {

	@Override
	public URI tokenRequestUri(String tokenUri, @Nullable String tenantId) {
		return URI.create(tokenUri);
	}

	@Override
	public String scope(String scope, String scopePrefix) {
		return scope;
	}

	@Override
	public String scopeName(String scope, String scopePrefix) {
		return scope;
	}

	@Override
	public @Nullable String defaultTokenPath() {
		return null;
	}

	@Override
	public boolean tokenUriNamesTenant() {
		return true;
	}

	@Override
	public @Nullable String tenantWithoutConfiguration(Set<String> clientAppTenants) {
		return null;
	}

	@Override
	public List<EgainClientType.Problem> tenantProblems(@Nullable String tenantId, Set<String> clientAppTenants) {
		return List.of();
	}

}
