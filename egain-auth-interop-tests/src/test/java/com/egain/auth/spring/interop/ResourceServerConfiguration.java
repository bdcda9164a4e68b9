package com.egain.auth.spring.interop;

import java.time.Duration;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.web.SecurityFilterChain;

/**
 * eGain-like APIs behind a JWT resource server: a token is accepted only with a signature
 * that verifies against the authorization server's JWK set (fetched over HTTP), before
 * its {@code exp} (no clock skew allowed), when not revoked, and with the API's scope.
 *
 * <p>The JWK set is {@code interop.resource-server.jwk-set-uri}, by default the one of the
 * authorization server in this application.
 */
@Configuration(proxyBeanMethods = false)
@Import({ EgainApiController.class, ExchangeRecorder.Registration.class })
class ResourceServerConfiguration {

	/**
	 * Property naming the JWK set URI of the tokens' issuer.
	 */
	static final String JWK_SET_URI_PROPERTY = "interop.resource-server.jwk-set-uri";

	@Bean
	@Order(3)
	SecurityFilterChain egainApis(HttpSecurity http, JwtDecoder jwtDecoder) {
		http.securityMatcher("/knowledge/**", "/core/aiservices/**")
			.authorizeHttpRequests((requests) -> requests.requestMatchers("/knowledge/**")
				.hasAuthority("SCOPE_" + EgainTestClients.PORTALMGR_READ)
				.requestMatchers("/core/aiservices/**")
				.hasAuthority("SCOPE_" + EgainTestClients.anonymous(EgainTestClients.AISERVICES_READ))
				.anyRequest()
				.denyAll())
			.oauth2ResourceServer((resourceServer) -> resourceServer.jwt((jwt) -> jwt.decoder(jwtDecoder)))
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf(AbstractHttpConfigurer::disable);
		return http.build();
	}

	@Bean
	RevokedTokens revokedTokens(ObjectProvider<OAuth2AuthorizationService> authorizationService) {
		return new RevokedTokens(authorizationService.getIfAvailable());
	}

	@Bean
	JwtDecoder jwtDecoder(Environment environment, RevokedTokens revokedTokens) {
		// The port is known only once the server runs: build the decoder on first use.
		return new SupplierJwtDecoder(() -> {
			String jwkSetUri = environment.getProperty(JWK_SET_URI_PROPERTY,
					"http://127.0.0.1:" + environment.getRequiredProperty("local.server.port") + "/oauth2/jwks");
			NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(jwkSetUri).build();
			decoder.setJwtValidator(
					new DelegatingOAuth2TokenValidator<>(new JwtTimestampValidator(Duration.ZERO), revokedTokens));
			return decoder;
		});
	}

}
