package com.egain.auth.spring.endpoint;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import com.egain.auth.spring.EgainClient;
import com.egain.auth.spring.EgainClientAuthorizationException;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;
import org.springframework.util.unit.DataSize;
import org.springframework.web.client.RestClient;

/**
 * Requests client-credentials tokens from eGain's token endpoints: the client app's own
 * token URL, and the anonymous-customer endpoint (see {@link TokenRequest}).
 *
 * <p>Runs on a {@link RestClient}, so it needs neither WebFlux nor Reactor Netty; the
 * auto-configuration builds it on Spring Boot's {@code ClientHttpRequestFactoryBuilder}
 * (one RestClient per SSL bundle and proxy setting, see
 * {@link Builder#restClients(Function)}); it is made with {@link #builder()}. The
 * blocking call runs on a few threads of this client's own ({@code egain-token-request-*}),
 * never on a scheduler that application code may block on, so callers that block for a
 * token (a {@code RestClient} on any thread pool, {@code boundedElastic} included) cannot
 * starve their own token request. The credentials go in the form body
 * ({@code client_secret_post}). Transient failures (429 and 5xx answers, refused, reset
 * or closed connections, connect timeouts) are retried with exponential backoff and jitter ({@link TokenRequestRetry});
 * every failure ends in one {@link EgainClientAuthorizationException}
 * ({@link TokenRequestFailures}), at the latest after {@link #getTimeLimit() the time
 * limit} of all attempts. A response is trusted only when it is a JSON object with an
 * {@code access_token} of type Bearer ({@link TokenResponseReader}).
 *
 * <p>Deliberately not a Spring Security {@code ReactiveOAuth2AccessTokenResponseClient}:
 * Spring Security picks up beans of that type for the application's own OAuth2 clients.
 */
public class EgainTokenResponseClient implements AutoCloseable {

	private static final int MAX_THREADS = 8;

	private final Function<String, RestClient> restClients;

	private final Function<URI, @Nullable String> proxies;

	private final TokenRequestRetry retry;

	private final Duration timeLimit;

	private final TokenResponseReader reader;

	private final Scheduler scheduler;

	private EgainTokenResponseClient(Builder builder, Function<String, RestClient> restClients) {
		this.restClients = restClients;
		this.proxies = builder.proxies;
		this.retry = new TokenRequestRetry(builder.maxAttempts, builder.backoff, builder.maxBackoff);
		this.timeLimit = this.retry.timeLimit(builder.connectTimeout.plus(builder.responseTimeout));
		this.reader = new TokenResponseReader(Math.toIntExact(builder.maxResponseSize.toBytes()),
				builder.defaultTokenLifetime, builder.clock);
		// Last, once nothing can fail any more: close() stops these threads.
		this.scheduler = Schedulers.newBoundedElastic(MAX_THREADS, Integer.MAX_VALUE, "egain-token-request", 60,
				true);
	}

	/**
	 * Start building a client. Every setting has the default of its
	 * {@code egain.auth.token-endpoint.*} property.
	 * @return the builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Create a RestClient for token endpoints on the JDK's HTTP client (HTTP/1.1) with the
	 * given time limits. It does not follow redirects.
	 * @param connectTimeout the connect timeout
	 * @param responseTimeout the time limit for the response, once the request is sent
	 * @return the RestClient
	 */
	static RestClient createRestClient(Duration connectTimeout, Duration responseTimeout) {
		HttpClient httpClient = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(connectTimeout)
			.build();
		JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory(httpClient);
		requestFactory.setReadTimeout(responseTimeout);
		return RestClient.builder().requestFactory(requestFactory).build();
	}

	/**
	 * The longest time a token request may take, all attempts and the waits between them
	 * included; after it the request fails with {@code token_endpoint_timeout}. Callers
	 * that block for a token wait at most this long (with the Redis token store, an
	 * instance waiting for another's token first waits up to
	 * {@code egain.auth.token-store.redis.max-wait} before it makes its own request).
	 * @return the time limit
	 */
	public Duration getTimeLimit() {
		return this.timeLimit;
	}

	/**
	 * Request a token for the given client.
	 * @param client the client
	 * @return the token response, or an {@link EgainClientAuthorizationException}
	 */
	public Mono<OAuth2AccessTokenResponse> getTokenResponse(EgainClient client) {
		TokenRequest request = TokenRequest.of(client, this.proxies.apply(client.getTokenRequestUri()));
		Duration timeLimit = this.timeLimit;
		return Mono.fromCallable(() -> send(request))
			.subscribeOn(this.scheduler)
			.onErrorMap((ex) -> !(ex instanceof EgainClientAuthorizationException),
					(ex) -> TokenRequestFailures.transportFailure(request, ex))
			.retryWhen(this.retry.retry())
			.timeout(timeLimit, Mono.defer(() -> Mono.error(TokenRequestFailures.transportFailure(request,
					new TimeoutException("no token within " + timeLimit.toMillis() + " ms")))));
	}

	private OAuth2AccessTokenResponse send(TokenRequest request) {
		return this.restClients.apply(request.clientName())
			.post()
			.uri(request.uri())
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.accept(MediaType.APPLICATION_JSON)
			.body(request.form())
			.exchange((httpRequest, response) -> this.reader.read(request, response.getStatusCode(),
					response.getHeaders(), response.getBody()));
	}

	/**
	 * Stop the threads of this client's token requests ({@code egain-token-request-*}); a
	 * request still running fails. A Spring bean of this type is closed with its
	 * application context.
	 */
	@Override
	public void close() {
		this.scheduler.dispose();
	}

	/**
	 * Builds an {@link EgainTokenResponseClient}, the only way to make one. Every setting
	 * starts at the default of its {@code egain.auth.token-endpoint.*} property;
	 * {@link #build()} checks them all.
	 */
	public static final class Builder {

		private @Nullable Function<String, RestClient> restClients;

		private Function<URI, @Nullable String> proxies = (uri) -> null;

		private Duration connectTimeout = Duration.ofSeconds(5);

		private Duration responseTimeout = Duration.ofSeconds(10);

		private int maxAttempts = TokenRequestRetry.DEFAULT.maxAttempts();

		private Duration backoff = TokenRequestRetry.DEFAULT.backoff();

		private Duration maxBackoff = TokenRequestRetry.DEFAULT.maxBackoff();

		private Duration defaultTokenLifetime = Duration.ofMinutes(5);

		private DataSize maxResponseSize = DataSize.ofKilobytes(64);

		private Clock clock = Clock.systemUTC();

		private Builder() {
		}

		/**
		 * Send every client's requests with the given {@link RestClient}, which should carry
		 * no interceptors of the application and follow no redirects, and whose own time
		 * limits are the {@link #connectTimeout(Duration) connect} and
		 * {@link #responseTimeout(Duration) response} timeouts of this builder. Without
		 * one, the client makes its own on the JDK's HTTP client with those timeouts.
		 * @param restClient the RestClient for the token endpoints
		 * @return this builder
		 */
		public Builder restClient(RestClient restClient) {
			return restClients((clientName) -> restClient);
		}

		/**
		 * Send the requests of each eGain client with the {@link RestClient} of its name
		 * (see {@link #restClient(RestClient)}).
		 * @param restClients the RestClient of each client, by client name
		 * @return this builder
		 */
		public Builder restClients(Function<String, RestClient> restClients) {
			this.restClients = restClients;
			return this;
		}

		/**
		 * Set what names the proxy a token request goes through, for the messages of its
		 * failures. By default there is none.
		 * @param proxies the proxy ({@code host:port}) of a token endpoint URI, or
		 * {@code null} when the request goes there directly
		 * @return this builder
		 */
		public Builder proxies(Function<URI, @Nullable String> proxies) {
			this.proxies = proxies;
			return this;
		}

		/**
		 * Set the connect timeout of an attempt (default 5 s). With the
		 * {@link #responseTimeout(Duration) response timeout} it makes the time limit of
		 * an attempt.
		 * @param connectTimeout the connect timeout, positive
		 * @return this builder
		 */
		public Builder connectTimeout(Duration connectTimeout) {
			this.connectTimeout = connectTimeout;
			return this;
		}

		/**
		 * Set the time limit for the response once the request is sent (default 10 s).
		 * @param responseTimeout the response timeout, positive
		 * @return this builder
		 */
		public Builder responseTimeout(Duration responseTimeout) {
			this.responseTimeout = responseTimeout;
			return this;
		}

		/**
		 * Set the number of attempts per token request, the first included (default 3).
		 * @param maxAttempts the attempts, at least 1
		 * @return this builder
		 */
		public Builder maxAttempts(int maxAttempts) {
			this.maxAttempts = maxAttempts;
			return this;
		}

		/**
		 * Set the delay before the first retry and the longest delay between attempts
		 * (default 500 ms and 5 s).
		 * @param backoff the first delay, not negative; it doubles with every further
		 * retry
		 * @param maxBackoff the longest delay, and the longest Retry-After that is
		 * honoured; not shorter than the first delay
		 * @return this builder
		 */
		public Builder backoff(Duration backoff, Duration maxBackoff) {
			this.backoff = backoff;
			this.maxBackoff = maxBackoff;
			return this;
		}

		/**
		 * Set the lifetime assumed for a token whose response has no {@code expires_in}
		 * (default 5 minutes).
		 * @param defaultTokenLifetime the lifetime, positive
		 * @return this builder
		 */
		public Builder defaultTokenLifetime(Duration defaultTokenLifetime) {
			this.defaultTokenLifetime = defaultTokenLifetime;
			return this;
		}

		/**
		 * Set the largest response body that is read; a larger one fails the request
		 * (default 64 KB).
		 * @param maxResponseSize the limit, positive and below 2 GB
		 * @return this builder
		 */
		public Builder maxResponseSize(DataSize maxResponseSize) {
			this.maxResponseSize = maxResponseSize;
			return this;
		}

		/**
		 * Set the clock used to read HTTP-date {@code Retry-After} values and JWT expiry
		 * (default the system clock).
		 * @param clock the clock
		 * @return this builder
		 */
		public Builder clock(Clock clock) {
			this.clock = clock;
			return this;
		}

		/**
		 * Check the settings and build the client. Its threads start only once the
		 * settings are valid, and {@link EgainTokenResponseClient#close()} stops them.
		 * @return the client
		 * @throws IllegalArgumentException naming every setting that is out of range
		 */
		public EgainTokenResponseClient build() {
			List<String> problems = new ArrayList<>();
			positive(problems, "connectTimeout", this.connectTimeout);
			positive(problems, "responseTimeout", this.responseTimeout);
			if (this.maxAttempts < 1) {
				problems.add("maxAttempts must be at least 1 (was " + this.maxAttempts + ")");
			}
			if (this.backoff.isNegative()) {
				problems.add("backoff must not be negative (was " + this.backoff + ")");
			}
			if (this.maxBackoff.compareTo(this.backoff) < 0) {
				problems.add("maxBackoff must not be shorter than backoff (was " + this.maxBackoff + ", backoff "
						+ this.backoff + ")");
			}
			positive(problems, "defaultTokenLifetime", this.defaultTokenLifetime);
			if (this.maxResponseSize.toBytes() < 1 || this.maxResponseSize.toBytes() >= Integer.MAX_VALUE) {
				problems.add("maxResponseSize must be positive and below 2GB (was " + this.maxResponseSize + ")");
			}
			if (!problems.isEmpty()) {
				throw new IllegalArgumentException(
						"Invalid EgainTokenResponseClient settings: " + String.join("; ", problems));
			}
			Function<String, RestClient> restClients = this.restClients;
			if (restClients == null) {
				RestClient restClient = createRestClient(this.connectTimeout, this.responseTimeout);
				restClients = (clientName) -> restClient;
			}
			return new EgainTokenResponseClient(this, restClients);
		}

		private static void positive(List<String> problems, String setting, Duration value) {
			if (value.isNegative() || value.isZero()) {
				problems.add(setting + " must be positive (was " + value + ")");
			}
		}

	}

}
