package com.egain.auth.spring.endpoint;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Map;

import com.egain.auth.spring.EgainClientAuthorizationException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.util.StringUtils;

/**
 * Reads the token endpoint's answer: a token response (RFC 6749 §5.1) when it is a JSON
 * object with an {@code access_token}, a {@code token_type} that is Bearer or absent, and
 * an {@code expires_in} that is positive or absent, else the failure it stands for (a
 * {@code 401} is {@code invalid_client} unless its body names another OAuth2 error code).
 * The token's lifetime is the earlier of {@code expires_in} and, when the access token is
 * a JWT, its {@code exp} claim (read, never verified); the default lifetime when neither
 * is there; at most a day. Its scopes are the response's {@code scope}, or the scopes
 * requested when it has none (RFC 6749 §5.1). Reads the body without a message converter
 * or codec, which may log what they read (the body holds the token), and never more than
 * the response size limit.
 */
final class TokenResponseReader {

	private static final Log logger = LogFactory.getLog(TokenResponseReader.class);

	private static final JsonMapper jsonMapper = JsonMapper.builder().build();

	private static final Duration LONGEST_LIFETIME = Duration.ofDays(1);

	private final int maxResponseBytes;

	private final Duration defaultTokenLifetime;

	private final Clock clock;

	TokenResponseReader(int maxResponseBytes, Duration defaultTokenLifetime, Clock clock) {
		this.maxResponseBytes = maxResponseBytes;
		this.defaultTokenLifetime = defaultTokenLifetime;
		this.clock = clock;
	}

	/**
	 * Read the answer to the given request.
	 * @return the token response
	 * @throws EgainClientAuthorizationException if the answer is an
	 * error or not a usable token response
	 * @throws IOException if the body cannot be read
	 */
	OAuth2AccessTokenResponse read(TokenRequest request, HttpStatusCode status, HttpHeaders headers,
			InputStream body) throws IOException {
		if (status.value() == HttpStatus.PROXY_AUTHENTICATION_REQUIRED.value() && request.proxy() != null) {
			throw TokenRequestFailures.proxyAuthenticationRequired(request, status, null);
		}
		byte[] bytes = body.readNBytes(this.maxResponseBytes + 1);
		if (bytes.length > this.maxResponseBytes) {
			throw TokenRequestFailures.invalidResponse(request, status,
					"the response body is larger than the limit (egain.auth.token-endpoint.max-response-size)");
		}
		MediaType contentType = headers.getContentType();
		Map<String, Object> json = parseJson(contentType, new String(bytes, StandardCharsets.UTF_8));
		if (status.is2xxSuccessful()) {
			return tokenResponse(request, status, json, contentType);
		}
		Duration retryAfter = retryAfter(headers);
		if (json != null && json.get(OAuth2ParameterNames.ERROR) instanceof String code && StringUtils.hasText(code)) {
			Object description = json.get(OAuth2ParameterNames.ERROR_DESCRIPTION);
			OAuth2Error error = new OAuth2Error(code, (description instanceof String text) ? shorten(text) : null,
					null);
			throw TokenRequestFailures.errorResponse(request, status, error, retryAfter);
		}
		String what = (contentType != null) ? "a " + contentType.getType() + "/" + contentType.getSubtype() + " body"
				: "no error body";
		if (status.value() == HttpStatus.UNAUTHORIZED.value()) {
			// RFC 6749 §5.2: a 401 from the token endpoint is a failed client authentication.
			throw TokenRequestFailures.errorResponse(request, status,
					new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT, "HTTP 401 with " + what, null), retryAfter);
		}
		throw TokenRequestFailures.errorResponse(request, status,
				new OAuth2Error(EgainClientAuthorizationException.TOKEN_ENDPOINT_ERROR,
						"unexpected HTTP status with " + what, null),
				retryAfter);
	}

	private OAuth2AccessTokenResponse tokenResponse(TokenRequest request, HttpStatusCode status,
			@Nullable Map<String, Object> json, @Nullable MediaType contentType) {
		if (json == null) {
			throw TokenRequestFailures.invalidResponse(request, status, (contentType != null)
					? "the body is not a JSON object (content type " + contentType.getType() + "/"
							+ contentType.getSubtype() + ")"
					: "the body is not a JSON object");
		}
		if (!(json.get(OAuth2ParameterNames.ACCESS_TOKEN) instanceof String accessToken)
				|| !StringUtils.hasText(accessToken)) {
			throw TokenRequestFailures.invalidResponse(request, status, "no access_token");
		}
		Object tokenType = json.get(OAuth2ParameterNames.TOKEN_TYPE);
		if (tokenType != null
				&& !OAuth2AccessToken.TokenType.BEARER.getValue().equalsIgnoreCase(String.valueOf(tokenType))) {
			throw TokenRequestFailures.invalidResponse(request, status,
					"token_type is '" + shorten(String.valueOf(tokenType)) + "', expected Bearer");
		}
		Duration lifetime = lifetime(request, status, json.get(OAuth2ParameterNames.EXPIRES_IN), accessToken);
		OAuth2AccessTokenResponse.Builder builder = OAuth2AccessTokenResponse.withToken(accessToken)
			.tokenType(OAuth2AccessToken.TokenType.BEARER)
			.expiresIn(lifetime.toSeconds());
		if (json.get(OAuth2ParameterNames.SCOPE) instanceof String scope) {
			builder.scopes(new LinkedHashSet<>(Arrays.asList(StringUtils.tokenizeToStringArray(scope, " "))));
		}
		else {
			// RFC 6749 §5.1: without a scope, the scopes requested are granted.
			builder.scopes(request.scopes());
		}
		return builder.build();
	}

	/**
	 * The token's lifetime: {@code expires_in}, or the {@code exp} claim of a JWT access
	 * token when it ends earlier or {@code expires_in} is missing, else the default
	 * lifetime; never more than a day.
	 */
	private Duration lifetime(TokenRequest request, HttpStatusCode status, @Nullable Object expiresIn,
			String accessToken) {
		Duration byExpiresIn = expiresIn(request, status, expiresIn);
		Instant exp = expiryClaim(accessToken);
		if (exp == null) {
			if (byExpiresIn == null) {
				logger.debug("Token response of eGain client '" + request.clientName()
						+ "' has no expires_in and its token no exp claim; assuming "
						+ this.defaultTokenLifetime.toSeconds() + " s");
				return this.defaultTokenLifetime;
			}
			return byExpiresIn;
		}
		Duration byExp = Duration.between(this.clock.instant(), exp);
		if (byExp.toSeconds() <= 0) {
			throw TokenRequestFailures.invalidResponse(request, status,
					"the access token's exp claim (" + exp + ") is not in the future");
		}
		if (byExpiresIn != null && byExpiresIn.compareTo(byExp) <= 0) {
			return byExpiresIn;
		}
		Duration lifetime = (byExp.compareTo(LONGEST_LIFETIME) > 0) ? LONGEST_LIFETIME : byExp;
		logger.debug("Token of eGain client '" + request.clientName() + "' expires in " + lifetime.toSeconds()
				+ " s by its exp claim");
		return lifetime;
	}

	/**
	 * The {@code exp} claim of a JWT, read without verifying the token (only its lifetime
	 * is taken from it), or {@code null} when the token is no readable JWT or has none.
	 */
	private static @Nullable Instant expiryClaim(String token) {
		int payloadStart = token.indexOf('.') + 1;
		int payloadEnd = token.indexOf('.', payloadStart);
		if (payloadStart == 0 || payloadEnd < 0) {
			return null;
		}
		try {
			byte[] payload = Base64.getUrlDecoder().decode(token.substring(payloadStart, payloadEnd));
			if (jsonMapper.readValue(payload, Object.class) instanceof Map<?, ?> claims
					&& claims.get("exp") instanceof Number exp) {
				return Instant.ofEpochSecond(exp.longValue());
			}
		}
		catch (IllegalArgumentException | JacksonException | DateTimeException ex) {
			// Not base64url JSON with a usable exp: not a JWT whose lifetime can be read.
		}
		return null;
	}

	private @Nullable Duration expiresIn(TokenRequest request, HttpStatusCode status, @Nullable Object expiresIn) {
		if (expiresIn == null) {
			return null;
		}
		long seconds;
		try {
			seconds = (expiresIn instanceof Number number) ? number.longValue()
					: Long.parseLong(String.valueOf(expiresIn).trim());
		}
		catch (NumberFormatException ex) {
			throw TokenRequestFailures.invalidResponse(request, status,
					"expires_in is not a whole number of seconds");
		}
		if (seconds <= 0) {
			throw TokenRequestFailures.invalidResponse(request, status,
					"expires_in is " + seconds + "; it must be positive");
		}
		if (seconds > LONGEST_LIFETIME.toSeconds()) {
			logger.debug("Token response of eGain client '" + request.clientName() + "' has expires_in " + seconds
					+ " s; capping it at " + LONGEST_LIFETIME.toSeconds() + " s");
			return LONGEST_LIFETIME;
		}
		return Duration.ofSeconds(seconds);
	}

	@SuppressWarnings("unchecked")
	private static @Nullable Map<String, Object> parseJson(@Nullable MediaType contentType, String body) {
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

	private @Nullable Duration retryAfter(HttpHeaders headers) {
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

	private static String shorten(String text) {
		return (text.length() <= 200) ? text : text.substring(0, 200) + "...";
	}

}
