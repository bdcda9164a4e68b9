package com.egain.auth.spring;

import java.net.URI;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client app asks its own token URL as it is, sends its scopes as configured, has no
 * default token URI, names its tenant in its token URL and needs no tenant id.
 */
class ClientAppTypeTests {

	private static final String TOKEN_URI = "https://ai.egain.cloud/system/auth/TMPRODB88619984-U/oauth2/token";

	private final ClientAppType type = new ClientAppType();

	@Test
	void tokenRequestUriIsTheTokenUriAsItIs() {
		assertThat(this.type.tokenRequestUri(TOKEN_URI, "TENANT42")).isEqualTo(URI.create(TOKEN_URI));
	}

	@Test
	void scopesAreSentAsConfigured() {
		assertThat(this.type.scope("knowledge.portalmgr.manage", "https://api.ai.egain.cloud/auth/"))
			.isEqualTo("knowledge.portalmgr.manage");
		assertThat(this.type.scopeName("https://api.ai.egain.cloud/auth/x", "https://api.ai.egain.cloud/auth/"))
			.isEqualTo("https://api.ai.egain.cloud/auth/x");
	}

	@Test
	void tokenUriMustBeConfigured() {
		assertThat(this.type.defaultTokenPath()).isNull();
		assertThat(EgainClientType.CLIENT_APP.hasDefaultTokenUri()).isFalse();
		assertThat(EgainClientType.CLIENT_APP.defaultTokenUri(URI.create("https://api.ai.egain.cloud"))).isNull();
	}

	@Test
	void tenantIsOptionalAndNamedByTheTokenUri() {
		assertThat(this.type.tokenUriNamesTenant()).isTrue();
		assertThat(this.type.tenantWithoutConfiguration(Set.of("TENANT42"))).isNull();
		assertThat(this.type.tenantProblems(null, Set.of())).isEmpty();
	}

}
