package com.egain.auth.spring;

import java.net.URI;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The anonymous customer ({@link EgainClientType#ANONYMOUS_CUSTOMER}): tokens from eGain's
 * anonymous token endpoint under the API base URL, which it asks with
 * {@code user_type=customer} and {@code domain_hint=<tenant id>}; its scopes carry the
 * anonymous scope prefix; its tenant id is required, and is the one tenant of the
 * client apps when it configures none.
 */
final class AnonymousCustomerType implements ClientTypeVariant {

	/**
	 * The path of eGain's anonymous-customer token endpoint under the API base URL.
	 */
	static final String TOKEN_PATH = "/core/authmgr/v3/oauth2/v2.0/anonymous/token";

	// An anonymous customer names itself and its tenant in the query of the endpoint.
	@Override
	public URI tokenRequestUri(String tokenUri, @Nullable String tenantId) {
		Assert.notNull(tenantId, "An anonymous customer needs a tenant id, for the domain_hint parameter");
		return UriComponentsBuilder.fromUriString(tokenUri)
			.replaceQueryParam("user_type", "customer")
			.replaceQueryParam("domain_hint", tenantId)
			.encode()
			.build()
			.toUri();
	}

	@Override
	public String scope(String scope, String scopePrefix) {
		return scope.startsWith("https://") ? scope : scopePrefix + scope;
	}

	@Override
	public String scopeName(String scope, String scopePrefix) {
		return scope.startsWith(scopePrefix) ? scope.substring(scopePrefix.length()) : scope;
	}

	@Override
	public String defaultTokenPath() {
		return TOKEN_PATH;
	}

	@Override
	public boolean tokenUriNamesTenant() {
		return false;
	}

	@Override
	public @Nullable String tenantWithoutConfiguration(Set<String> clientAppTenants) {
		return (clientAppTenants.size() == 1) ? clientAppTenants.iterator().next() : null;
	}

	@Override
	public List<EgainClientType.Problem> tenantProblems(@Nullable String tenantId, Set<String> clientAppTenants) {
		if (tenantId != null) {
			return List.of();
		}
		return List.of(new EgainClientType.Problem(
				"is missing: an anonymous-customer client needs the tenant id for the domain_hint parameter"
						+ ((clientAppTenants.size() > 1) ? ", and the client apps name several tenants " + clientAppTenants
								: ""),
				"set it (or egain.auth.tenant-id) to the tenant id found in the client app's token URL, e.g. "
						+ "TMPRODB88619984 in https://ai.egain.cloud/system/auth/TMPRODB88619984-U/oauth2/token"));
	}

}
