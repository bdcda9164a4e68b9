package com.egain.auth.spring;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * An anonymous customer asks eGain's anonymous endpoint under the API base URL with
 * {@code user_type=customer&domain_hint=<tenant>}, prefixes its scopes, and needs a tenant
 * id: its own, or the one tenant of the client apps.
 */
class AnonymousCustomerTypeTests {

	private static final String PREFIX = "https://api.ai.egain.cloud/auth/";

	private final AnonymousCustomerType type = new AnonymousCustomerType();

	@Test
	void tokenRequestUriNamesTheCustomerAndTheTenantInItsQuery() {
		assertThat(this.type.tokenRequestUri("https://api.ai.egain.cloud/core/authmgr/v3/oauth2/v2.0/anonymous/token",
				"TENANT42"))
			.hasToString("https://api.ai.egain.cloud/core/authmgr/v3/oauth2/v2.0/anonymous/token"
					+ "?user_type=customer&domain_hint=TENANT42");
	}

	@Test
	void tokenRequestUriReplacesAQueryOfTheSameNames() {
		assertThat(this.type.tokenRequestUri("https://e.example/token?domain_hint=OTHER&user_type=agent", "T 1"))
			.hasToString("https://e.example/token?user_type=customer&domain_hint=T%201");
	}

	@Test
	void tokenRequestUriNeedsATenant() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.type.tokenRequestUri("https://e.example/token", null))
			.withMessage("An anonymous customer needs a tenant id, for the domain_hint parameter");
	}

	@Test
	void scopesGetThePrefixUnlessTheyAreURLs() {
		assertThat(this.type.scope("core.aiservices.read", PREFIX)).isEqualTo(PREFIX + "core.aiservices.read");
		assertThat(this.type.scope("https://other.example/x", PREFIX)).isEqualTo("https://other.example/x");
		assertThat(this.type.scopeName(PREFIX + "core.aiservices.read", PREFIX)).isEqualTo("core.aiservices.read");
	}

	@Test
	void defaultTokenUriIsTheAnonymousEndpointUnderTheApiBaseUrl() {
		assertThat(EgainClientType.ANONYMOUS_CUSTOMER.hasDefaultTokenUri()).isTrue();
		assertThat(EgainClientType.ANONYMOUS_CUSTOMER.defaultTokenUri(URI.create("https://api.ai.egain.cloud/")))
			.isEqualTo("https://api.ai.egain.cloud/core/authmgr/v3/oauth2/v2.0/anonymous/token");
	}

	@Test
	void tenantIsTheOneTenantOfTheClientApps() {
		assertThat(this.type.tokenUriNamesTenant()).isFalse();
		assertThat(this.type.tenantWithoutConfiguration(Set.of("TENANT42"))).isEqualTo("TENANT42");
		assertThat(this.type.tenantWithoutConfiguration(new LinkedHashSet<>(List.of("A", "B")))).isNull();
		assertThat(this.type.tenantProblems("TENANT42", Set.of())).isEmpty();
	}

	@Test
	void missingTenantIsAProblemNamingTheClientAppsTenants() {
		assertThat(this.type.tenantProblems(null, Set.of())).singleElement()
			.extracting(EgainClientType.Problem::problem)
			.isEqualTo("is missing: an anonymous-customer client needs the tenant id for the domain_hint parameter");
		assertThat(this.type.tenantProblems(null, new LinkedHashSet<>(List.of("A", "B")))).singleElement()
			.extracting(EgainClientType.Problem::problem)
			.asString()
			.endsWith(", and the client apps name several tenants [A, B]");
	}

}
