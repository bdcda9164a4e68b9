package com.egain.auth.spring;

import java.net.URI;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Everything one client type of eGain does differently from the others; one class per
 * type, registered by its {@link EgainClientType} constant, which documents each method.
 */
interface ClientTypeVariant {

	URI tokenRequestUri(String tokenUri, @Nullable String tenantId);

	String scope(String scope, String scopePrefix);

	String scopeName(String scope, String scopePrefix);

	/**
	 * The path of this type's token endpoint under {@code egain.auth.api-base-url}, or
	 * {@code null} when each client must configure its token URI.
	 */
	@Nullable String defaultTokenPath();

	boolean tokenUriNamesTenant();

	@Nullable String tenantWithoutConfiguration(Set<String> clientAppTenants);

	List<EgainClientType.Problem> tenantProblems(@Nullable String tenantId, Set<String> clientAppTenants);

}
