package com.egain.auth.spring;

import java.io.Serial;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.time.Instant;

import javax.net.ssl.SSLException;

import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.OAuth2Error;

/**
 * A token request to eGain failed. Names the client, the token endpoint (without its
 * query), the HTTP status when there was one, and the OAuth2 {@code error} and
 * {@code error_description} when the endpoint sent them. Never carries a secret or a
 * token.
 */
public class EgainAuthenticationException extends OAuth2AuthorizationException {

	@Serial
	private static final long serialVersionUID = 1L;

	/**
	 * Error code of a response that is not a usable token response (not JSON, no
	 * {@code access_token}, a token type other than Bearer, a bad {@code expires_in}, too
	 * large).
	 */
	public static final String INVALID_TOKEN_RESPONSE = "invalid_token_response";

	/**
	 * Error code of an HTTP error status without an OAuth2 error body.
	 */
	public static final String TOKEN_ENDPOINT_ERROR = "token_endpoint_error";

	/**
	 * Error code of a token endpoint that did not answer within the response timeout.
	 */
	public static final String TOKEN_ENDPOINT_TIMEOUT = "token_endpoint_timeout";

	/**
	 * Error code of a token endpoint that could not be reached (connection refused, unknown
	 * host, TLS failure, connection closed).
	 */
	public static final String TOKEN_ENDPOINT_UNREACHABLE = "token_endpoint_unreachable";

	private final String clientName;

	private final String tokenEndpoint;

	private final int httpStatus;

	private final transient Duration retryAfter;

	private final transient Instant nextAttemptAt;

	private final String failure;

	public EgainAuthenticationException(String clientName, String tokenEndpoint, int httpStatus, OAuth2Error error,
			String detail, Duration retryAfter, Throwable cause) {
		super(error, message(clientName, tokenEndpoint, httpStatus, error, detail), cause);
		this.clientName = clientName;
		this.tokenEndpoint = tokenEndpoint;
		this.httpStatus = httpStatus;
		this.retryAfter = retryAfter;
		this.nextAttemptAt = null;
		this.failure = getMessage();
	}

	private EgainAuthenticationException(EgainAuthenticationException failure, Instant nextAttemptAt, Duration wait) {
		super(failure.getError(), failure.failure + ". No token request for this client before "
				+ nextAttemptAt + " (in " + Math.max(1, (wait.toMillis() + 999) / 1000)
				+ " s): until then its calls fail at once with this error", failure.getCause());
		this.clientName = failure.clientName;
		this.tokenEndpoint = failure.tokenEndpoint;
		this.httpStatus = failure.httpStatus;
		this.retryAfter = failure.retryAfter;
		this.nextAttemptAt = nextAttemptAt;
		this.failure = failure.failure;
	}

	/**
	 * Return this failure as told to a caller while the client waits before its next token
	 * request: the same error, saying when that request will be made.
	 * @param nextAttemptAt when the next token request may be made
	 * @param now the current time
	 * @return a new exception
	 */
	EgainAuthenticationException withNextAttemptAt(Instant nextAttemptAt, Instant now) {
		return new EgainAuthenticationException(this, nextAttemptAt, Duration.between(now, nextAttemptAt));
	}


	private static String message(String clientName, String tokenEndpoint, int httpStatus, OAuth2Error error,
			String detail) {
		StringBuilder message = new StringBuilder("Token request of eGain client '").append(clientName)
			.append("' to ")
			.append(tokenEndpoint)
			.append(" failed: ");
		if (httpStatus > 0) {
			message.append("HTTP ").append(httpStatus).append(", ");
		}
		message.append(error.getErrorCode());
		if (error.getDescription() != null) {
			message.append(" (").append(error.getDescription()).append(')');
		}
		if (detail != null) {
			message.append(". ").append(detail);
		}
		return message.toString();
	}

	/**
	 * The name of the client whose token request failed.
	 * @return the client name
	 */
	public String getClientName() {
		return this.clientName;
	}

	/**
	 * The token endpoint, without its query.
	 * @return the token endpoint
	 */
	public String getTokenEndpoint() {
		return this.tokenEndpoint;
	}

	/**
	 * The HTTP status of the token endpoint's answer.
	 * @return the status, or 0 when there was no answer
	 */
	public int getHttpStatus() {
		return this.httpStatus;
	}

	/**
	 * The delay the token endpoint asked for with {@code Retry-After}.
	 * @return the delay, or {@code null}
	 */
	public Duration getRetryAfter() {
		return this.retryAfter;
	}

	/**
	 * When the client makes its next token request after this failure: until then its
	 * calls fail at once with this error, so that a failing or misconfigured client does
	 * not send a token request per call.
	 * @return the time of the next token request, or {@code null} when this is the failure
	 * of a single request, not yet recorded by the client's token cache
	 */
	public Instant getNextAttemptAt() {
		return this.nextAttemptAt;
	}

	/**
	 * Whether another attempt may succeed: a 429 or 5xx answer, or a connection that could
	 * not be made.
	 * @return whether the failure is transient
	 */
	public boolean isTransient() {
		return this.httpStatus == 429 || this.httpStatus >= 500
				|| (this.httpStatus == 0 && TOKEN_ENDPOINT_UNREACHABLE.equals(getError().getErrorCode())
						&& isConnectionFailure());
	}

	private boolean isConnectionFailure() {
		return !EgainTokenResponseClient.causedBy(this, UnknownHostException.class)
				&& !EgainTokenResponseClient.causedBy(this, UnresolvedAddressException.class)
				&& !EgainTokenResponseClient.causedBy(this, SSLException.class);
	}

}
