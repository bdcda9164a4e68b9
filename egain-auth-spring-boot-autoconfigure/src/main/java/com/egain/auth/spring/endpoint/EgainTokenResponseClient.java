package com.egain.auth.spring.endpoint;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
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
 * {@link #create(Function, Duration, Duration)}). The
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

	private Function<URI, @Nullable String> proxies = (uri) -> null;

	private final Scheduler scheduler = Schedulers.newBoundedElastic(MAX_THREADS, Integer.MAX_VALUE,
			"egain-token-request", 60, true);

	private Duration attemptTimeLimit = Duration.ofSeconds(15);

	private TokenRequestRetry retry = TokenRequestRetry.DEFAULT;

	private Duration defaultTokenLifetime = Duration.ofMinutes(5);

	private Clock clock = Clock.systemUTC();

	private int maxResponseBytes = Math.toIntExact(DataSize.ofKilobytes(64).toBytes());

	private TokenResponseReader reader = newReader();

	/**
	 * Create a client that sends its requests with the given {@link RestClient}, which
	 * should carry no interceptors of the application (see
	 * {@link #createRestClient(Duration, Duration)}).
	 * @param restClient the RestClient for the token endpoints
	 */
	public EgainTokenResponseClient(RestClient restClient) {
		this.restClients = (clientName) -> restClient;
	}

	/**
	 * Create a client that sends the requests of each eGain client with the
	 * {@link RestClient} of its name, which should carry no interceptors of the
	 * application and follow no redirects, with the given time limits (see
	 * {@link #create(Duration, Duration)}).
	 * @param restClients the RestClient of each client, by client name
	 * @param connectTimeout the connect timeout of the RestClients
	 * @param responseTimeout the response time limit of the RestClients
	 * @return the client
	 */
	public static EgainTokenResponseClient create(Function<String, RestClient> restClients, Duration connectTimeout,
			Duration responseTimeout) {
		return new EgainTokenResponseClient(restClients, connectTimeout.plus(responseTimeout));
	}

	private EgainTokenResponseClient(Function<String, RestClient> restClients, Duration attemptTimeLimit) {
		this.restClients = restClients;
		this.attemptTimeLimit = attemptTimeLimit;
	}

	/**
	 * Create a client for token endpoints on the JDK's HTTP client with the given time
	 * limits.
	 * @param connectTimeout the connect timeout
	 * @param responseTimeout the time limit for the response, once the request is sent
	 * @return the client
	 */
	public static EgainTokenResponseClient create(Duration connectTimeout, Duration responseTimeout) {
		EgainTokenResponseClient client = new EgainTokenResponseClient(
				createRestClient(connectTimeout, responseTimeout));
		client.attemptTimeLimit = connectTimeout.plus(responseTimeout);
		return client;
	}

	/**
	 * Create a RestClient for token endpoints on the JDK's HTTP client (HTTP/1.1) with the
	 * given time limits. It does not follow redirects.
	 * @param connectTimeout the connect timeout
	 * @param responseTimeout the time limit for the response, once the request is sent
	 * @return the RestClient
	 */
	public static RestClient createRestClient(Duration connectTimeout, Duration responseTimeout) {
		HttpClient httpClient = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(connectTimeout)
			.build();
		JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory(httpClient);
		requestFactory.setReadTimeout(responseTimeout);
		return RestClient.builder().requestFactory(requestFactory).build();
	}

	/**
	 * Set the number of attempts per token request, the first included.
	 * @param maxAttempts the attempts, at least 1
	 */
	public void setMaxAttempts(int maxAttempts) {
		this.retry = new TokenRequestRetry(maxAttempts, this.retry.backoff(), this.retry.maxBackoff());
	}

	/**
	 * Set the delay before the first retry and the longest delay between attempts.
	 * @param backoff the first delay; it doubles with every further retry
	 * @param maxBackoff the longest delay, and the longest Retry-After that is honoured
	 */
	public void setBackoff(Duration backoff, Duration maxBackoff) {
		this.retry = new TokenRequestRetry(this.retry.maxAttempts(), backoff, maxBackoff);
	}

	/**
	 * Set the lifetime assumed for a token whose response has no {@code expires_in}.
	 * @param defaultTokenLifetime the lifetime
	 */
	public void setDefaultTokenLifetime(Duration defaultTokenLifetime) {
		this.defaultTokenLifetime = defaultTokenLifetime;
		this.reader = newReader();
	}

	/**
	 * Set the largest response body that is read; a larger one fails the request.
	 * @param maxResponseSize the limit
	 */
	public void setMaxResponseSize(DataSize maxResponseSize) {
		this.maxResponseBytes = Math.toIntExact(maxResponseSize.toBytes());
		this.reader = newReader();
	}

	/**
	 * Set the clock used to read HTTP-date {@code Retry-After} values.
	 * @param clock the clock
	 */
	public void setClock(Clock clock) {
		this.clock = clock;
		this.reader = newReader();
	}

	/**
	 * Set what names the proxy a token request goes through, for the messages of its
	 * failures.
	 * @param proxies the proxy ({@code host:port}) of a token endpoint URI, or
	 * {@code null} when the request goes there directly
	 */
	public void setProxies(Function<URI, @Nullable String> proxies) {
		this.proxies = proxies;
	}

	private TokenResponseReader newReader() {
		return new TokenResponseReader(this.maxResponseBytes, this.defaultTokenLifetime, this.clock);
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
		return this.retry.timeLimit(this.attemptTimeLimit);
	}

	/**
	 * Request a token for the given client.
	 * @param client the client
	 * @return the token response, or an {@link EgainClientAuthorizationException}
	 */
	public Mono<OAuth2AccessTokenResponse> getTokenResponse(EgainClient client) {
		TokenRequest request = TokenRequest.of(client, this.proxies.apply(client.getTokenRequestUri()));
		TokenResponseReader reader = this.reader;
		Duration timeLimit = getTimeLimit();
		return Mono.fromCallable(() -> send(request, reader))
			.subscribeOn(this.scheduler)
			.onErrorMap((ex) -> !(ex instanceof EgainClientAuthorizationException),
					(ex) -> TokenRequestFailures.transportFailure(request, ex))
			.retryWhen(this.retry.retry())
			.timeout(timeLimit, Mono.defer(() -> Mono.error(TokenRequestFailures.transportFailure(request,
					new TimeoutException("no token within " + timeLimit.toMillis() + " ms")))));
	}

	private OAuth2AccessTokenResponse send(TokenRequest request, TokenResponseReader reader) {
		return this.restClients.apply(request.clientName())
			.post()
			.uri(request.uri())
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.accept(MediaType.APPLICATION_JSON)
			.body(request.form())
			.exchange((httpRequest, response) -> reader.read(request, response.getStatusCode(),
					response.getHeaders(), response.getBody()));
	}

	/**
	 * Stop the threads of this client's token requests.
	 */
	@Override
	public void close() {
		this.scheduler.dispose();
	}

}
