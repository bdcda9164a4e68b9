package com.egain.auth.spring.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.egain.auth.spring.EgainAuthMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@link EgainAuthMetrics} as Micrometer counters, tagged by client name (never by a
 * secret or token).
 */
public class MicrometerEgainAuthMetrics implements EgainAuthMetrics {

	/**
	 * Counter of token lookups, tagged {@code result=hit|miss}.
	 */
	public static final String CACHE = "egain.auth.token.cache";

	/**
	 * Counter of background refreshes, tagged {@code outcome=success|failure}.
	 */
	public static final String REFRESH = "egain.auth.token.refresh";

	/**
	 * Counter of requests sent once more with a new token after a {@code 401}.
	 */
	public static final String RETRY = "egain.auth.request.retry";

	/**
	 * Counter of renewal suspensions after a renewed token was rejected too.
	 */
	public static final String RENEWAL_SUSPENDED = "egain.auth.token.renewal.suspended";

	/**
	 * Counter of tokens granted fewer scopes than their token request asked for.
	 */
	public static final String SCOPE_DOWNGRADE = "egain.auth.token.scope.downgrade";

	/**
	 * Counter of requests sent without a token, tagged with the reason.
	 */
	public static final String WITHOUT_TOKEN = "egain.auth.request.without.token";

	/**
	 * Counter of outages of the shared token store.
	 */
	public static final String STORE_UNAVAILABLE = "egain.auth.token.store.unavailable";

	/**
	 * Counter of changes of a client's id or secret (rotations), tagged with the source
	 * of the new value.
	 */
	public static final String CREDENTIALS_CHANGED = "egain.auth.credentials.rotation";

	private final MeterRegistry registry;

	private final Map<String, Counter> hits = new ConcurrentHashMap<>();

	private final Map<String, Counter> misses = new ConcurrentHashMap<>();

	/**
	 * Create the metrics on the given registry.
	 * @param registry the registry
	 */
	public MicrometerEgainAuthMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void cacheHit(String clientName) {
		cacheCounter(this.hits, clientName, "hit").increment();
	}

	@Override
	public void cacheMiss(String clientName) {
		cacheCounter(this.misses, clientName, "miss").increment();
	}

	// On every request: a plain lookup first, as computeIfAbsent's lambda would be
	// allocated each time.
	private Counter cacheCounter(Map<String, Counter> counters, String clientName, String result) {
		Counter counter = counters.get(clientName);
		if (counter == null) {
			counter = counters.computeIfAbsent(clientName,
					(name) -> counter(CACHE, "Token cache lookups", name, "result", result));
		}
		return counter;
	}

	@Override
	public void backgroundRefresh(String clientName, boolean success) {
		counter(REFRESH, "Background token refreshes", clientName, "outcome", success ? "success" : "failure")
			.increment();
	}

	@Override
	public void retryAfterUnauthorized(String clientName) {
		Counter.builder(RETRY)
			.description("Requests sent once more with a new token after a 401")
			.tag("client", clientName)
			.register(this.registry)
			.increment();
	}

	@Override
	public void renewalSuspended(String clientName) {
		Counter.builder(RENEWAL_SUSPENDED)
			.description("Cool-downs started because an API rejected a token that had just replaced a rejected one")
			.tag("client", clientName)
			.register(this.registry)
			.increment();
	}

	@Override
	public void scopeDowngraded(String clientName) {
		Counter.builder(SCOPE_DOWNGRADE)
			.description("Tokens granted fewer scopes than their token request asked for")
			.tag("client", clientName)
			.register(this.registry)
			.increment();
	}

	@Override
	public void sentWithoutToken(String clientName, String reason) {
		counter(WITHOUT_TOKEN, "Requests sent without a token because their destination may not have it",
				clientName, "reason", reason)
			.increment();
	}

	@Override
	public void tokenStoreUnavailable() {
		Counter.builder(STORE_UNAVAILABLE)
			.description("Outages of the shared token store, during which each instance requested its own tokens")
			.register(this.registry)
			.increment();
	}

	@Override
	public void credentialsChanged(String clientName, String source) {
		counter(CREDENTIALS_CHANGED, "Changes of a client's id or secret, used from the next token request on",
				clientName, "source", source)
			.increment();
	}

	private Counter counter(String name, String description, String clientName, String key, String value) {
		return Counter.builder(name)
			.description(description)
			.tag("client", clientName)
			.tag(key, value)
			.register(this.registry);
	}

}
