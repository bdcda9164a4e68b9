package com.egain.auth.spring;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLException;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.security.oauth2.client.endpoint.OAuth2ClientCredentialsGrantRequest;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.util.StringUtils;
import org.springframework.util.unit.DataSize;
import org.springframework.web.client.RestClient;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Requests client-credentials tokens from eGain's token endpoints: the client app's own
 * token URL, and the anonymous-customer endpoint, to which it adds the
 * {@code user_type=customer} and {@code domain_hint=<tenant>} query parameters.
 *
 * <p>Runs on a {@link RestClient}, so it needs neither WebFlux nor Reactor Netty. The
 * blocking call runs on a few threads of this client's own ({@code egain-token-request-*}),
 * never on a scheduler that application code may block on, so callers that block for a
 * token (a {@code RestClient} on any thread pool, {@code boundedElastic} included) cannot
 * starve their own token request. The credentials go in the form body
 * ({@code client_secret_post}). Connection errors, 429 and 5xx answers are retried with
 * exponential backoff and jitter; every failure ends in one
 * {@link EgainAuthenticationException}, at the latest after
 * {@link #getTimeLimit() the time limit} of all attempts. A response is trusted only when
 * it is a JSON object with an {@code access_token} of type Bearer.
 *
 * <p>Deliberately not a Spring Security {@code ReactiveOAuth2AccessTokenResponseClient}:
 * Spring Security picks up beans of that type for the application's own OAuth2 clients.
 */
public class EgainTokenResponseClient implements AutoCloseable {

	/**
	 * Key of the registration's provider configuration metadata that holds the
	 * {@link EgainClientType}.
	 */
	public static final String CLIENT_TYPE_METADATA = "egain.client-type";

	/**
	 * Key of the registration's provider configuration metadata that holds the tenant id.
	 */
	public static final String TENANT_ID_METADATA = "egain.tenant-id";

	private static final Log logger = LogFactory.getLog(EgainTokenResponseClient.class);

	private static final JsonMapper jsonMapper = JsonMapper.builder().build();

	private static final Duration LONGEST_LIFETIME = Duration.ofDays(1);

	private static final int MAX_THREADS = 8;

	private final RestClient restClient;

	private final Scheduler scheduler = Schedulers.newBoundedElastic(MAX_THREADS, Integer.MAX_VALUE,
			"egain-token-request", 60, true);

	private Duration attemptTimeLimit = Duration.ofSeconds(15);

	private int maxAttempts = 3;

	private Duration backoff = Duration.ofMillis(500);

	private Duration maxBackoff = Duration.ofSeconds(5);

	private Duration defaultTokenLifetime = Duration.ofMinutes(5);

	private Clock clock = Clock.systemUTC();

	private int maxResponseBytes = Math.toIntExact(DataSize.ofKilobytes(64).toBytes());

	/**
	 * Create a client that sends its requests with the given {@link RestClient}, which
	 * should carry no interceptors of the application (see
	 * {@link #createRestClient(Duration, Duration)}).
	 * @param restClient the RestClient for the token endpoints
	 */
	public EgainTokenResponseClient(RestClient restClient) {
		this.restClient = restClient;
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
	 * given time limits.
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
		if (maxAttempts < 1) {
			throw new IllegalArgumentException("maxAttempts must be at least 1");
		}
		this.maxAttempts = maxAttempts;
	}

	/**
	 * Set the delay before the first retry and the longest delay between attempts.
	 * @param backoff the first delay; it doubles with every further retry
	 * @param maxBackoff the longest delay, and the longest Retry-After that is honoured
	 */
	public void setBackoff(Duration backoff, Duration maxBackoff) {
		this.backoff = backoff;
		this.maxBackoff = maxBackoff;
	}

	/**
	 * Set the lifetime assumed for a token whose response has no {@code expires_in}.
	 * @param defaultTokenLifetime the lifetime
	 */
	public void setDefaultTokenLifetime(Duration defaultTokenLifetime) {
		this.defaultTokenLifetime = defaultTokenLifetime;
	}

	/**
	 * Set the largest response body that is read; a larger one fails the request.
	 * @param maxResponseSize the limit
	 */
	public void setMaxResponseSize(DataSize maxResponseSize) {
		this.maxResponseBytes = Math.toIntExact(maxResponseSize.toBytes());
	}

	/**
	 * Set the clock used to read HTTP-date {@code Retry-After} values.
	 * @param clock the clock
	 */
	public void setClock(Clock clock) {
		this.clock = clock;
	}

	/**
	 * The longest time a token request may take, all attempts and the waits between them
	 * included; after it the request fails with {@code token_endpoint_timeout}. Callers
	 * that block for a token wait at most this long.
	 * @return the time limit
	 */
	public Duration getTimeLimit() {
		return this.attemptTimeLimit.multipliedBy(this.maxAttempts)
			.plus(this.maxBackoff.multipliedBy(this.maxAttempts - 1L));
	}

	/**
	 * Request a token for the given grant.
	 * @param grantRequest the client-credentials grant of one eGain client
	 * @return the token response, or an {@link EgainAuthenticationException}
	 */
	public Mono<OAuth2AccessTokenResponse> getTokenResponse(OAuth2ClientCredentialsGrantRequest grantRequest) {
		ClientRegistration registration = grantRequest.getClientRegistration();
		URI tokenUri = tokenUri(registration);
		String endpoint = withoutQuery(tokenUri);
		String clientName = registration.getRegistrationId();
		return Mono.fromCallable(() -> attempt(registration, tokenUri, endpoint))
			.subscribeOn(this.scheduler)
			.onErrorMap((ex) -> !(ex instanceof EgainAuthenticationException),
					(ex) -> transportFailure(clientName, endpoint, ex))
			.retryWhen(retry())
			.timeout(getTimeLimit(), Mono.defer(() -> Mono.error(transportFailure(clientName, endpoint,
					new TimeoutException("no token within " + getTimeLimit().toMillis() + " ms")))));
	}

	/**
	 * Stop the threads of this client's token requests.
	 */
	@Override
	public void close() {
		this.scheduler.dispose();
	}

	/**
	 * Return the URI the token request of the given registration is sent to: its token URI,
	 * plus the anonymous-customer query parameters where it is one.
	 * @param registration the registration
	 * @return the URI
	 */
	public static URI tokenUri(ClientRegistration registration) {
		Map<String, Object> metadata = registration.getProviderDetails().getConfigurationMetadata();
		String tokenUri = registration.getProviderDetails().getTokenUri();
		if (!EgainClientType.ANONYMOUS_CUSTOMER.name().equals(metadata.get(CLIENT_TYPE_METADATA))) {
			return URI.create(tokenUri);
		}
		return UriComponentsBuilder.fromUriString(tokenUri)
			.replaceQueryParam("user_type", "customer")
			.replaceQueryParam("domain_hint", metadata.get(TENANT_ID_METADATA))
			.encode()
			.build()
			.toUri();
	}

	private OAuth2AccessTokenResponse attempt(ClientRegistration registration, URI tokenUri, String endpoint) {
		String clientName = registration.getRegistrationId();
		return this.restClient.post()
			.uri(tokenUri)
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.accept(MediaType.APPLICATION_JSON)
			.body(form(registration))
			.exchange((request, response) -> read(clientName, endpoint, response.getStatusCode().value(),
					response.getHeaders(), body(clientName, endpoint, response.getBody())));
	}

	private static byte[] form(ClientRegistration registration) {
		String form = field(OAuth2ParameterNames.GRANT_TYPE, registration.getAuthorizationGrantType().getValue())
				+ "&" + field(OAuth2ParameterNames.SCOPE, String.join(" ", registration.getScopes())) + "&"
				+ field(OAuth2ParameterNames.CLIENT_ID, registration.getClientId()) + "&"
				+ field(OAuth2ParameterNames.CLIENT_SECRET, registration.getClientSecret());
		return form.getBytes(StandardCharsets.UTF_8);
	}

	private static String field(String name, String value) {
		return URLEncoder.encode(name, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	// Read without a message converter or codec, which may log what they read: the body
	// holds the token.
	private String body(String clientName, String endpoint, InputStream body) throws IOException {
		byte[] bytes = body.readNBytes(this.maxResponseBytes + 1);
		if (bytes.length > this.maxResponseBytes) {
			throw new EgainAuthenticationException(clientName, endpoint, 0, new OAuth2Error(
					EgainAuthenticationException.INVALID_TOKEN_RESPONSE,
					"the response body is larger than the limit (egain.auth.token-endpoint.max-response-size)", null),
					null, null, null);
		}
		return new String(bytes, StandardCharsets.UTF_8);
	}

	private OAuth2AccessTokenResponse read(String clientName, String endpoint, int status, HttpHeaders headers,
			String body) {
		MediaType contentType = headers.getContentType();
		Map<String, Object> json = parseJson(contentType, body);
		if (status >= 200 && status < 300) {
			return tokenResponse(clientName, endpoint, json, contentType);
		}
		Duration retryAfter = retryAfter(headers);
		String detail = (retryAfter != null) ? "Retry-After: " + retryAfter.toSeconds() + " s" : hint(status);
		if (json != null && json.get(OAuth2ParameterNames.ERROR) instanceof String code && StringUtils.hasText(code)) {
			Object description = json.get(OAuth2ParameterNames.ERROR_DESCRIPTION);
			OAuth2Error error = new OAuth2Error(code, (description instanceof String text) ? shorten(text) : null,
					null);
			throw new EgainAuthenticationException(clientName, endpoint, status, error, detail, retryAfter, null);
		}
		String what = (contentType != null) ? "a " + contentType.getType() + "/" + contentType.getSubtype() + " body"
				: "no error body";
		throw new EgainAuthenticationException(clientName, endpoint, status,
				new OAuth2Error(EgainAuthenticationException.TOKEN_ENDPOINT_ERROR,
						"unexpected HTTP status with " + what, null),
				detail, retryAfter, null);
	}

	private static String hint(int status) {
		return switch (status) {
			case 401 -> "Check the client-id and client-secret";
			case 403 -> "Check that the client app may use this token endpoint and these scopes";
			case 404 -> "Check the token-uri: its tenant id and path must match the client app's Token URL in eGain";
			default -> null;
		};
	}

	private OAuth2AccessTokenResponse tokenResponse(String clientName, String endpoint, Map<String, Object> json,
			MediaType contentType) {
		if (json == null) {
			throw invalidResponse(clientName, endpoint, (contentType != null)
					? "the body is not a JSON object (content type " + contentType.getType() + "/"
							+ contentType.getSubtype() + ")"
					: "the body is not a JSON object");
		}
		if (!(json.get(OAuth2ParameterNames.ACCESS_TOKEN) instanceof String accessToken)
				|| !StringUtils.hasText(accessToken)) {
			throw invalidResponse(clientName, endpoint, "no access_token");
		}
		Object tokenType = json.get(OAuth2ParameterNames.TOKEN_TYPE);
		if (tokenType != null
				&& !OAuth2AccessToken.TokenType.BEARER.getValue().equalsIgnoreCase(String.valueOf(tokenType))) {
			throw invalidResponse(clientName, endpoint,
					"token_type is '" + shorten(String.valueOf(tokenType)) + "', expected Bearer");
		}
		Duration lifetime = lifetime(clientName, endpoint, json.get(OAuth2ParameterNames.EXPIRES_IN));
		OAuth2AccessTokenResponse.Builder builder = OAuth2AccessTokenResponse.withToken(accessToken)
			.tokenType(OAuth2AccessToken.TokenType.BEARER)
			.expiresIn(lifetime.toSeconds());
		if (json.get(OAuth2ParameterNames.SCOPE) instanceof String scope) {
			builder.scopes(new LinkedHashSet<>(Arrays.asList(StringUtils.delimitedListToStringArray(scope, " "))));
		}
		return builder.build();
	}

	private Duration lifetime(String clientName, String endpoint, Object expiresIn) {
		if (expiresIn == null) {
			logger.debug("Token response of eGain client '" + clientName + "' has no expires_in; assuming "
					+ this.defaultTokenLifetime.toSeconds() + " s");
			return this.defaultTokenLifetime;
		}
		long seconds;
		try {
			seconds = (expiresIn instanceof Number number) ? number.longValue()
					: Long.parseLong(String.valueOf(expiresIn).trim());
		}
		catch (NumberFormatException ex) {
			throw invalidResponse(clientName, endpoint, "expires_in is not a whole number of seconds");
		}
		if (seconds <= 0) {
			throw invalidResponse(clientName, endpoint, "expires_in is " + seconds + "; it must be positive");
		}
		if (seconds > LONGEST_LIFETIME.toSeconds()) {
			logger.debug("Token response of eGain client '" + clientName + "' has expires_in " + seconds
					+ " s; capping it at " + LONGEST_LIFETIME.toSeconds() + " s");
			return LONGEST_LIFETIME;
		}
		return Duration.ofSeconds(seconds);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> parseJson(MediaType contentType, String body) {
		if (contentType != null && !contentType.isCompatibleWith(MediaType.APPLICATION_JSON)
				&& !contentType.getSubtype().endsWith("+json")) {
			return null;
		}
		try {
			Object value = jsonMapper.readValue(body, Object.class);
			return (value instanceof Map<?, ?> map) ? (Map<String, Object>) map : null;
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private Duration retryAfter(HttpHeaders headers) {
		String value = headers.getFirst(HttpHeaders.RETRY_AFTER);
		if (!StringUtils.hasText(value)) {
			return null;
		}
		try {
			return Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim())));
		}
		catch (NumberFormatException ex) {
			try {
				ZonedDateTime when = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
				Duration delay = Duration.between(this.clock.instant(), when.toInstant());
				return delay.isNegative() ? Duration.ZERO : delay;
			}
			catch (RuntimeException notADate) {
				return null;
			}
		}
	}

	private Retry retry() {
		return Retry.from((signals) -> signals.concatMap((signal) -> {
			Throwable failure = signal.failure();
			long attemptsMade = signal.totalRetries() + 1;
			if (attemptsMade >= this.maxAttempts || !(failure instanceof EgainAuthenticationException ex)
					|| !ex.isTransient()) {
				return Mono.error(failure);
			}
			Duration delay = (ex.getRetryAfter() != null) ? ex.getRetryAfter() : backoff(attemptsMade);
			if (delay.compareTo(this.maxBackoff) > 0) {
				return Mono.error(failure);
			}
			logger.debug("Retrying token request of eGain client '" + ex.getClientName() + "' in " + delay.toMillis()
					+ " ms after " + ex.getError().getErrorCode());
			return Mono.delay(delay);
		}));
	}

	private Duration backoff(long attemptsMade) {
		long exponential = this.backoff.toMillis() << Math.min(attemptsMade - 1, 20);
		long capped = Math.min(exponential, this.maxBackoff.toMillis());
		// Jitter: somewhere between half and all of the delay, so that instances spread out.
		long jittered = capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
		return Duration.ofMillis(jittered);
	}

	private static EgainAuthenticationException invalidResponse(String clientName, String endpoint, String what) {
		return new EgainAuthenticationException(clientName, endpoint, 200,
				new OAuth2Error(EgainAuthenticationException.INVALID_TOKEN_RESPONSE, what, null), null, null, null);
	}

	private static EgainAuthenticationException transportFailure(String clientName, String endpoint, Throwable ex) {
		String code = EgainAuthenticationException.TOKEN_ENDPOINT_UNREACHABLE;
		String what;
		if (causedBy(ex, HttpConnectTimeoutException.class)
				|| causedBy(ex, "io.netty.channel.ConnectTimeoutException")) {
			what = "connect timed out (egain.auth.token-endpoint.connect-timeout)";
		}
		else if (causedBy(ex, HttpTimeoutException.class) || causedBy(ex, TimeoutException.class)
				|| causedBy(ex, "io.netty.handler.timeout.ReadTimeoutException")) {
			code = EgainAuthenticationException.TOKEN_ENDPOINT_TIMEOUT;
			what = "no response within egain.auth.token-endpoint.response-timeout";
		}
		else if (causedBy(ex, UnknownHostException.class) || causedBy(ex, UnresolvedAddressException.class)) {
			what = "unknown host (DNS lookup failed)";
		}
		else if (causedBy(ex, SSLException.class)) {
			what = "TLS handshake failed";
		}
		else if (causedBy(ex, ConnectException.class)) {
			what = "connection refused";
		}
		else if (causedBy(ex, IOException.class)) {
			what = "connection failed or closed before a response";
		}
		else {
			what = "unexpected " + ex.getClass().getSimpleName();
		}
		return new EgainAuthenticationException(clientName, endpoint, 0, new OAuth2Error(code, what, null), null, null,
				ex);
	}

	static boolean causedBy(Throwable ex, Class<? extends Throwable> type) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return true;
			}
		}
		return false;
	}

	// By name, for exceptions of optional libraries such as Reactor Netty.
	private static boolean causedBy(Throwable ex, String typeName) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause.getClass().getName().equals(typeName)) {
				return true;
			}
		}
		return false;
	}

	private static String withoutQuery(URI uri) {
		// Host and port, never the user information of the authority.
		return uri.getScheme() + "://" + uri.getHost() + ((uri.getPort() != -1) ? ":" + uri.getPort() : "")
				+ ((uri.getRawPath() != null) ? uri.getRawPath() : "");
	}

	private static String shorten(String text) {
		return (text.length() <= 200) ? text : text.substring(0, 200) + "...";
	}

}
