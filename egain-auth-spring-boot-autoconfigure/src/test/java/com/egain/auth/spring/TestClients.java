package com.egain.auth.spring;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.egain.auth.spring.endpoint.EgainTokenResponseClient;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

/**
 * Clients and token machinery pointed at loopback test servers.
 */
public final class TestClients {

	public static final String CLIENT_ID = "b4b2c1d9-4c19-4e8a-8e7a-9a0b1c2d3e4f";

	public static final String CLIENT_SECRET = "hh2Y0UE8FmaFBBawzMUua1OB8Ks4QWHNUyhDyZj1X7c";

	public static final String TENANT = "TMPRODB88619984";

	public static final String TOKEN_PATH = "/system/auth/" + TENANT + "-U/oauth2/token";

	private TestClients() {
	}

	public static EgainClient clientApp(String name, String serverUrl, String... allowedOrigins) {
		ClientRegistration registration = ClientRegistration.withRegistrationId(name)
			.clientId(CLIENT_ID)
			.clientSecret(CLIENT_SECRET)
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.scope("knowledge.portalmgr.manage")
			.tokenUri(serverUrl + TOKEN_PATH)
			.build();
		return new EgainClient(name, EgainClientType.CLIENT_APP, TENANT, registration, URI.create(serverUrl),
				List.of(allowedOrigins).stream().map(URI::create).toList());
	}

	public static EgainTokenResponseClient responseClient(Duration responseTimeout) {
		return responseClientBuilder(responseTimeout).build();
	}

	public static EgainTokenResponseClient.Builder responseClientBuilder(Duration responseTimeout) {
		return EgainTokenResponseClient.builder()
			.connectTimeout(Duration.ofSeconds(2))
			.responseTimeout(responseTimeout)
			.backoff(Duration.ofMillis(10), Duration.ofMillis(100));
	}

	public static String tokenJson(String token, long expiresIn) {
		return "{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\",\"expires_in\":" + expiresIn + "}";
	}

}
