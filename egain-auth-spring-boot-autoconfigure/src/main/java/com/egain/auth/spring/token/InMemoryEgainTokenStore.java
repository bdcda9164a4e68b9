package com.egain.auth.spring.token;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.egain.auth.spring.EgainTokenStore;
import reactor.core.publisher.Mono;

import org.springframework.security.oauth2.core.OAuth2AccessToken;

/**
 * An {@link EgainTokenStore} that keeps tokens in this JVM.
 */
public class InMemoryEgainTokenStore implements EgainTokenStore {

	private final Map<String, OAuth2AccessToken> tokens = new ConcurrentHashMap<>();

	@Override
	public Mono<OAuth2AccessToken> load(String clientName) {
		return Mono.fromSupplier(() -> this.tokens.get(clientName));
	}

	@Override
	public Mono<Void> save(String clientName, OAuth2AccessToken token) {
		return Mono.fromRunnable(() -> this.tokens.put(clientName, token));
	}

	@Override
	public Mono<Void> remove(String clientName, OAuth2AccessToken token) {
		return Mono.fromRunnable(() -> this.tokens.remove(clientName, token));
	}

}
