package com.egain.auth.spring;

import java.net.URI;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The client-credentials variants of eGain, the values of
 * {@code egain.auth.clients.<name>.type}. Each constant is registered with the one class
 * that holds everything its variant does differently (token URI and its query, default
 * token URI, scopes as sent, tenant rules); the starter asks the constant and never tests
 * which one it is. To add a variant: write one package-private class implementing
 * {@code ClientTypeVariant} next to {@code ClientAppType}, and add its constant here
 * (then name its value where users read the choices: the {@code type} property's
 * Javadoc, its metadata hint and {@code docs/configuration.md}; and teach the emulator,
 * which stands in for eGain's server, its endpoint).
 */
public enum EgainClientType {

	/**
	 * Server-to-server client app: tokens from the client app's own token URL.
	 */
	CLIENT_APP(new ClientAppType()),

	/**
	 * Anonymous customer: tokens from eGain's anonymous token endpoint, with
	 * {@code user_type=customer}, {@code domain_hint=<tenant>} and prefixed scopes.
	 */
	ANONYMOUS_CUSTOMER(new AnonymousCustomerType());

	private final ClientTypeVariant variant;

	EgainClientType(ClientTypeVariant variant) {
		this.variant = variant;
	}

	/**
	 * The URI a client of this type sends its token requests to.
	 * @param tokenUri the token URI of its registration
	 * @param tenantId its tenant id, or {@code null} when it has none
	 * @return the URI
	 * @throws IllegalArgumentException if this type needs a tenant id and there is none
	 */
	public URI tokenRequestUri(String tokenUri, @Nullable String tenantId) {
		return this.variant.tokenRequestUri(tokenUri, tenantId);
	}

	/**
	 * A configured scope as a client of this type requests it.
	 * @param scope the configured scope, trimmed
	 * @param scopePrefix the prefix of anonymous-customer scopes
	 * ({@code egain.auth.anonymous-scope-prefix})
	 * @return the scope as sent
	 */
	public String scope(String scope, String scopePrefix) {
		return this.variant.scope(scope, scopePrefix);
	}

	/**
	 * Whether a client of this type may leave out its token URI (see
	 * {@link #defaultTokenUri(URI)}).
	 * @return whether this type has a default token URI
	 */
	public boolean hasDefaultTokenUri() {
		return this.variant.defaultTokenPath() != null;
	}

	/**
	 * The token URI of a client of this type that configures none.
	 * @param apiBaseUrl the base URL of eGain's APIs ({@code egain.auth.api-base-url})
	 * @return the token URI, or {@code null} when this type needs its own
	 */
	public @Nullable String defaultTokenUri(URI apiBaseUrl) {
		String path = this.variant.defaultTokenPath();
		if (path == null) {
			return null;
		}
		String base = apiBaseUrl.toString();
		return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path;
	}

	/**
	 * The tenant id of a client of this type that configures none, neither in its own
	 * settings nor in {@code egain.auth.tenant-id}.
	 * @param clientAppTenants the tenants named in the token URIs of the configured
	 * client apps
	 * @return the tenant id, or {@code null}
	 */
	public @Nullable String tenantWithoutConfiguration(Set<String> clientAppTenants) {
		return this.variant.tenantWithoutConfiguration(clientAppTenants);
	}

	/**
	 * What is wrong with the tenant id a client of this type ends up with.
	 * @param tenantId the tenant id, or {@code null} when it has none
	 * @param clientAppTenants the tenants named in the token URIs of the configured
	 * client apps
	 * @return the problems, none when the tenant id is fine
	 */
	public List<Problem> tenantProblems(@Nullable String tenantId, Set<String> clientAppTenants) {
		return this.variant.tenantProblems(tenantId, clientAppTenants);
	}

	/**
	 * Whether the token URIs of this type's clients name their tenant, which clients of
	 * other types may then use.
	 * @return whether the token URI names the tenant
	 */
	public boolean tokenUriNamesTenant() {
		return this.variant.tokenUriNamesTenant();
	}

	/**
	 * The given scope without the prefix this type adds to it (see
	 * {@link #scope(String, String)}).
	 * @param scope the scope as sent
	 * @param scopePrefix the prefix of anonymous-customer scopes
	 * @return the scope as configured in eGain
	 */
	public String scopeName(String scope, String scopePrefix) {
		return this.variant.scopeName(scope, scopePrefix);
	}

	/**
	 * A mistake in a client's settings, for the start-up failure analysis.
	 *
	 * @param problem what is wrong
	 * @param action how to fix it
	 */
	public record Problem(String problem, String action) {
	}

}
