package com.egain.auth.spring.token;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;

import com.egain.auth.spring.EgainAuthMetrics;
import com.egain.auth.spring.EgainClient;
import com.egain.auth.spring.EgainTokenStore;
import com.egain.auth.spring.credentials.ClientCredentials;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;

/**
 * Where a client's next token comes from: the store, when it holds a token the client
 * may take (unexpired, not rejected by an API, not the one held), else a token request
 * through the store ({@link EgainTokenStore#obtain}), so that with a shared store one
 * instance requests a token and the others take it. A token request whose credentials
 * were refused is made once more when they changed meanwhile (a rotation). Every token
 * obtained is handed to the schedule, with its lifetime, before it is returned.
 */
final class StoreNegotiation {

	private final String clientName;

	private final TokenSources sources;

	private final TokenTime time;

	private final ClientCredentials credentials;

	private final EgainAuthMetrics metrics;

	private final TokenSchedule schedule;

	private final BiConsumer<OAuth2AccessToken, Duration> hold;

	/**
	 * The value of the last token an API rejected: never taken back from the store.
	 */
	private volatile @Nullable String rejectedTokenValue;

	/**
	 * @param schedule the token held
	 * @param hold makes a token obtained the one held, with its lifetime
	 */
	StoreNegotiation(String clientName, TokenSources sources, TokenTime time, ClientCredentials credentials,
			EgainAuthMetrics metrics, TokenSchedule schedule, BiConsumer<OAuth2AccessToken, Duration> hold) {
		this.clientName = clientName;
		this.sources = sources;
		this.time = time;
		this.credentials = credentials;
		this.metrics = metrics;
		this.schedule = schedule;
		this.hold = hold;
	}

	/**
	 * Never take the given token from the store again, even before the store has removed
	 * it: an API rejected it.
	 */
	void rejected(OAuth2AccessToken token) {
		this.rejectedTokenValue = token.getTokenValue();
	}

	/**
	 * Remove the given token from the store, if it is the one stored.
	 */
	Mono<Void> remove(OAuth2AccessToken token) {
		return this.sources.store().remove(this.clientName, token);
	}

	/**
	 * The token held when another request replaced it while this caller waited, else the
	 * stored token when the client may take it, else a new one.
	 */
	Mono<OAuth2AccessToken> loadOrRequest() {
		// Read before the store is asked: a shared store finds the token of these credentials.
		EgainClient client = this.credentials.current();
		CachedToken cached = this.schedule.get();
		long now = this.time.nanoTime().getAsLong();
		if (cached != null && !cached.isDueAt(now)) {
			// Another request completed between this caller's check and now.
			return cached.mono;
		}
		return this.sources.store()
			.load(this.clientName)
			.filter((stored) -> stored.getExpiresAt() != null)
			.filter((stored) -> !stored.getTokenValue().equals(this.rejectedTokenValue))
			.filter((stored) -> cached == null || !cached.isFor(stored))
			.map((stored) -> hold(stored, Duration.between(this.time.clock().instant(), stored.getExpiresAt())))
			// Not held when an API rejected the token meanwhile and it was dropped: request one.
			.filter((stored) -> this.schedule.holdsFreshAt(now))
			.switchIfEmpty(Mono.defer(() -> request(cached, client)));
	}

	/**
	 * Obtain a new token whatever the held one, with the client's current credentials.
	 */
	Mono<OAuth2AccessToken> request() {
		return request(this.schedule.get(), this.credentials.current());
	}

	/**
	 * Obtain a new token through the store: this instance's token request, or, with a
	 * shared store, the token another instance requested meanwhile.
	 */
	private Mono<OAuth2AccessToken> request(@Nullable CachedToken cached, EgainClient client) {
		// Refused credentials: when they changed meanwhile (a rotation), once more with the new ones.
		return requestWith(cached, client).onErrorResume(
				(ex) -> TokenRequestBackoff.isCredentialFailure(ex) && this.credentials.recheck() != client,
				(ex) -> requestWith(cached, this.credentials.latest()));
	}

	private Mono<OAuth2AccessToken> requestWith(@Nullable CachedToken cached, EgainClient client) {
		AtomicReference<@Nullable OAuth2AccessToken> requested = new AtomicReference<>();
		Mono<OAuth2AccessToken> tokenRequest = EgainTokenObservations
			.observe(this.sources.observations(), this.clientName,
					this.sources.responseClient().getTokenResponse(client))
			.map(OAuth2AccessTokenResponse::getAccessToken)
			.doOnNext(requested::set)
			.doOnNext((token) -> ScopeDowngrades.check(this.clientName, client.getRegistration().getScopes(),
					token, this.metrics));
		return this.sources.store()
			.obtain(this.clientName, (stored) -> isAcceptable(stored, cached), tokenRequest)
			.map((token) -> (token == requested.get())
					? hold(token, Duration.between(token.getIssuedAt(), token.getExpiresAt()))
					: hold(token, Duration.between(this.time.clock().instant(), token.getExpiresAt())));
	}

	/**
	 * Whether a token another instance stored may be taken instead of a token request of
	 * this one: unexpired, not rejected by an API, and not the one held.
	 */
	private boolean isAcceptable(OAuth2AccessToken stored, @Nullable CachedToken cached) {
		return stored.getExpiresAt() != null && this.time.clock().instant().isBefore(stored.getExpiresAt())
				&& !stored.getTokenValue().equals(this.rejectedTokenValue) && (cached == null || !cached.isFor(stored));
	}

	private OAuth2AccessToken hold(OAuth2AccessToken token, Duration lifetime) {
		this.hold.accept(token, lifetime);
		return token;
	}

}
