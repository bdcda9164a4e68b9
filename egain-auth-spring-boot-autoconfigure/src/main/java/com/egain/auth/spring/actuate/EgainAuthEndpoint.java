package com.egain.auth.spring.actuate;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.egain.auth.spring.EgainAccessTokens;
import com.egain.auth.spring.EgainClient;
import com.egain.auth.spring.EgainClientRegistrations;
import com.egain.auth.spring.EgainTokenStatus;
import com.egain.auth.spring.EgainTokenStore;
import com.egain.auth.spring.credentials.ClientCredentials;
import com.egain.auth.spring.credentials.EgainCredentials;
import com.egain.auth.spring.token.DefaultEgainAccessTokens;
import com.egain.auth.spring.token.EgainTokenDetails;
import com.egain.auth.spring.token.InMemoryEgainTokenStore;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The {@code egainauth} endpoint: what each eGain client holds, and renewal of a
 * client's token on demand (e.g. right after a rotation). Shows times, scopes, error
 * codes, where the secret comes from and the token store's state; never a token, a
 * secret or a file's content.
 */
@Endpoint(id = "egainauth")
public class EgainAuthEndpoint {

	private final EgainClientRegistrations registrations;

	private final EgainAccessTokens tokens;

	private final @Nullable EgainCredentials credentials;

	private final @Nullable EgainTokenStore store;

	private final Duration renewTimeLimit;

	/**
	 * Create the endpoint.
	 * @param registrations the clients
	 * @param tokens their tokens
	 * @param credentials their current credentials, or {@code null}
	 * @param store the token store, or {@code null}
	 * @param renewTimeLimit the longest wait for a renewed token
	 */
	public EgainAuthEndpoint(EgainClientRegistrations registrations, EgainAccessTokens tokens,
			@Nullable EgainCredentials credentials, @Nullable EgainTokenStore store, Duration renewTimeLimit) {
		this.registrations = registrations;
		this.tokens = tokens;
		this.credentials = credentials;
		this.store = store;
		this.renewTimeLimit = renewTimeLimit;
	}

	/**
	 * The state of every client.
	 * @return {@code {"clients":{"<name>":{...}}}}
	 */
	@ReadOperation
	public Map<String, Object> clients() {
		Map<String, Object> clients = new LinkedHashMap<>();
		for (EgainClient client : this.registrations) {
			clients.put(client.getName(), state(client));
		}
		return Map.of("clients", clients);
	}

	/**
	 * Request a new token of the given client now (one token request, or the one already
	 * in flight) and return its state.
	 * @param name the client's name
	 * @return the client's state, or 404 for an unknown name
	 */
	@WriteOperation
	public WebEndpointResponse<Map<String, Object>> renew(@Selector String name) {
		if (!this.registrations.names().contains(name)) {
			return new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND);
		}
		try {
			renewal(name).block(this.renewTimeLimit);
		}
		catch (RuntimeException ex) {
			// The failure shows in the state, as its error code: never its message.
		}
		return new WebEndpointResponse<>(state(this.registrations.get(name)));
	}

	private Mono<OAuth2AccessToken> renewal(String name) {
		if (this.tokens instanceof DefaultEgainAccessTokens defaultTokens) {
			return defaultTokens.renew(name);
		}
		// The application's own EgainAccessTokens: drop the held token, take the next.
		OAuth2AccessToken held = this.tokens.peek(name);
		return (held != null) ? this.tokens.invalidate(name, held).then(Mono.defer(() -> this.tokens.get(name)))
				: this.tokens.get(name);
	}

	private Map<String, Object> state(EgainClient client) {
		String name = client.getName();
		Map<String, Object> state = new LinkedHashMap<>();
		state.put("type", client.getType().name().toLowerCase(Locale.ROOT).replace('_', '-'));
		state.put("tokenEndpoint", UriComponentsBuilder.fromUriString(client.getRegistration().getProviderDetails()
			.getTokenUri()).userInfo(null).replaceQuery(null).fragment(null).toUriString());
		state.put("requestedScopes", client.getRegistration().getScopes());
		EgainTokenDetails details = details(name);
		state.put("grantedScopes", details.grantedScopes());
		Map<String, Object> token = new LinkedHashMap<>();
		token.put("state", details.state());
		token.put("issuedAt", text(details.issuedAt()));
		token.put("expiresAt", text(details.expiresAt()));
		token.put("refreshAt", text(details.refreshAt()));
		state.put("token", token);
		if (details.lastFailure() != null) {
			Map<String, Object> failure = new LinkedHashMap<>();
			failure.put("code", details.lastFailure());
			failure.put("at", text(details.lastFailureAt()));
			state.put("lastFailure", failure);
		}
		else {
			state.put("lastFailure", null);
		}
		state.put("nextAttemptAt", text(details.nextAttemptAt()));
		ClientCredentials credentials = (this.credentials != null) ? this.credentials.find(name) : null;
		if (credentials != null) {
			state.put("secret", credentials.describeSecret());
		}
		state.put("tokenStore", tokenStore());
		return state;
	}

	private EgainTokenDetails details(String name) {
		if (this.tokens instanceof DefaultEgainAccessTokens defaultTokens) {
			return defaultTokens.details(name);
		}
		EgainTokenStatus status = this.tokens.status(name);
		OAuth2AccessToken held = this.tokens.peek(name);
		return new EgainTokenDetails(status.hasValidToken() ? "valid" : "none",
				(held != null) ? held.getIssuedAt() : null, status.expiresAt(), null,
				(held != null) ? held.getScopes() : Set.of(), status.lastError(), null, null);
	}

	private Map<String, Object> tokenStore() {
		if (this.store == null) {
			return Map.of();
		}
		Map<String, Object> details = this.store.healthDetails();
		if (!details.isEmpty()) {
			return details;
		}
		return Map.of("type", (this.store instanceof InMemoryEgainTokenStore) ? "in-memory"
				: this.store.getClass().getSimpleName());
	}

	private static @Nullable String text(@Nullable Instant instant) {
		return (instant != null) ? instant.toString() : null;
	}

}
