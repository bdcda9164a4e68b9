package com.egain.auth.spring.interop;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.InMemoryOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.session.DisableEncodeUrlFilter;

/**
 * Spring Authorization Server with eGain's two token endpoints: the client-app endpoint
 * at {@code /system/auth/<TENANT>-U/oauth2/token} (with the JWK set and revocation
 * endpoints beside it), and the anonymous-customer endpoint at
 * {@code /core/authmgr/v3/oauth2/v2.0/anonymous/token}, which also requires
 * {@code user_type=customer} and {@code domain_hint=<TENANT>}.
 *
 * <p>One server serves one token endpoint path per filter chain, so each endpoint has its
 * own chain; both share the clients, keys and issued tokens. Every client is
 * confidential, authenticates with {@code client_secret_post} only and may use only the
 * {@code client_credentials} grant.
 */
@Configuration(proxyBeanMethods = false)
class EgainAuthorizationServerConfiguration {

	@Bean
	@Order(1)
	SecurityFilterChain clientAppTokenEndpoint(HttpSecurity http) {
		OAuth2AuthorizationServerConfigurer authorizationServer = new OAuth2AuthorizationServerConfigurer();
		http.securityMatcher(authorizationServer.getEndpointsMatcher())
			.with(authorizationServer, (server) -> server
				.authorizationServerSettings(settings(EgainTestClients.CLIENT_APP_TOKEN_PATH)))
			.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
		return http.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain anonymousTokenEndpoint(HttpSecurity http) {
		http.securityMatcher(EgainTestClients.ANONYMOUS_TOKEN_PATH)
			.with(new OAuth2AuthorizationServerConfigurer(), (server) -> server
				.authorizationServerSettings(settings(EgainTestClients.ANONYMOUS_TOKEN_PATH)))
			.addFilterBefore(new AnonymousTokenRequestFilter(EgainTestClients.TENANT), DisableEncodeUrlFilter.class)
			.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
		return http.build();
	}

	private static AuthorizationServerSettings settings(String tokenEndpoint) {
		return AuthorizationServerSettings.builder().tokenEndpoint(tokenEndpoint).build();
	}

	@Bean
	RegisteredClientRepository registeredClientRepository() {
		return new InMemoryRegisteredClientRepository(
				client(EgainTestClients.PORTAL_CLIENT_ID, EgainTestClients.PORTAL_CLIENT_SECRET, Duration.ofMinutes(5),
						EgainTestClients.PORTALMGR_READ, EgainTestClients.PORTALMGR_MANAGE),
				client(EgainTestClients.VISITOR_CLIENT_ID, EgainTestClients.VISITOR_CLIENT_SECRET,
						Duration.ofMinutes(5), EgainTestClients.anonymous(EgainTestClients.AISERVICES_READ),
						EgainTestClients.anonymous(EgainTestClients.AISERVICES_MANAGE),
						EgainTestClients.anonymous(EgainTestClients.PORTALMGR_READ)),
				client(EgainTestClients.SHORT_LIVED_CLIENT_ID, EgainTestClients.SHORT_LIVED_CLIENT_SECRET,
						EgainTestClients.SHORT_LIVED_TOKEN_TTL, EgainTestClients.PORTALMGR_READ));
	}

	private static RegisteredClient client(String clientId, String secret, Duration tokenLifetime,
			String... scopes) {
		return RegisteredClient.withId(UUID.randomUUID().toString())
			.clientId(clientId)
			.clientSecret("{noop}" + secret)
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.scopes((granted) -> granted.addAll(List.of(scopes)))
			.tokenSettings(TokenSettings.builder().accessTokenTimeToLive(tokenLifetime).build())
			.build();
	}

	@Bean
	OAuth2AuthorizationService authorizationService() {
		return new InMemoryOAuth2AuthorizationService();
	}

	@Bean
	JWKSource<SecurityContext> jwkSource() throws NoSuchAlgorithmException {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048);
		KeyPair keyPair = generator.generateKeyPair();
		RSAKey key = new RSAKey.Builder((RSAPublicKey) keyPair.getPublic())
			.privateKey((RSAPrivateKey) keyPair.getPrivate())
			.keyID(UUID.randomUUID().toString())
			.build();
		return new ImmutableJWKSet<>(new JWKSet(key));
	}

}
