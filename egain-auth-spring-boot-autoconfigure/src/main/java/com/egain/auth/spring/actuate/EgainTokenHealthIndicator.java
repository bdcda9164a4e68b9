package com.egain.auth.spring.actuate;

import java.time.Instant;
import java.util.Map;

import com.egain.auth.spring.EgainAccessTokens;
import com.egain.auth.spring.EgainClientAuthorizationException;
import com.egain.auth.spring.EgainTokenStatus;
import com.egain.auth.spring.EgainTokenStore;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;

/**
 * Health of one eGain client's token: {@code UP} with its expiry and granted scopes while
 * a valid token is held, {@code UNKNOWN} before the first token request, {@code DOWN} with
 * the error code after a failed request when no valid token is held. Requests a token
 * only when the active check is on. The state of a shared token store (e.g. Redis
 * unavailable) is the {@code tokenStore} detail; it never changes the status.
 */
public class EgainTokenHealthIndicator implements ReactiveHealthIndicator {

	private final String clientName;

	private final EgainAccessTokens tokens;

	private final boolean activeCheck;

	private final @Nullable EgainTokenStore store;

	private Map<String, Object> connection = Map.of();

	/**
	 * Create the indicator of the given client, without a token store.
	 * @param clientName the client's name
	 * @param tokens the tokens
	 * @param activeCheck whether to request a token when none is held
	 */
	public EgainTokenHealthIndicator(String clientName, EgainAccessTokens tokens, boolean activeCheck) {
		this(clientName, tokens, activeCheck, null);
	}

	/**
	 * Create the indicator of the given client.
	 * @param clientName the client's name
	 * @param tokens the tokens
	 * @param activeCheck whether to request a token when none is held
	 * @param store the token store whose state is a detail, or {@code null}
	 */
	public EgainTokenHealthIndicator(String clientName, EgainAccessTokens tokens, boolean activeCheck,
			@Nullable EgainTokenStore store) {
		this.clientName = clientName;
		this.tokens = tokens;
		this.activeCheck = activeCheck;
		this.store = store;
	}

	/**
	 * Add the proxy ({@code host:port}) and SSL bundle of the client's connection to the
	 * details.
	 * @param connection the details, names only
	 * @return this indicator
	 */
	public EgainTokenHealthIndicator withConnection(Map<String, Object> connection) {
		this.connection = Map.copyOf(connection);
		return this;
	}

	@Override
	public Mono<Health> health() {
		EgainTokenStatus status = this.tokens.status(this.clientName);
		if (status.hasValidToken() || !this.activeCheck) {
			return Mono.just(health(status));
		}
		return this.tokens.get(this.clientName)
			.map((token) -> health(this.tokens.status(this.clientName)))
			.onErrorResume((ex) -> Mono.just(withStore(Health.down()
				.withDetail("error", (ex instanceof OAuth2AuthorizationException oauth2)
						? oauth2.getError().getErrorCode() : ex.getClass().getSimpleName()))
				.build()));
	}

	private Health health(EgainTokenStatus status) {
		Instant expiresAt = status.expiresAt();
		if (expiresAt != null) {
			// A valid token is held.
			Health.Builder up = Health.up().withDetail("expiresAt", expiresAt.toString());
			if (!status.grantedScopes().isEmpty()) {
				up.withDetail("grantedScopes", status.grantedScopes());
			}
			return withStore(up).build();
		}
		if (status.lastError() != null) {
			return withStore(Health.down().withDetail("error", status.lastError())).build();
		}
		return withStore(Health.unknown().withDetail("reason", "no token requested yet")).build();
	}

	private Health.Builder withStore(Health.Builder health) {
		health.withDetails(this.connection);
		Map<String, Object> details = (this.store != null) ? this.store.healthDetails() : Map.of();
		return details.isEmpty() ? health : health.withDetail("tokenStore", details);
	}

}
