package com.egain.auth.spring;

import java.io.Serial;
import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatusCode;
import org.springframework.security.oauth2.client.ClientAuthorizationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.util.Assert;

/**
 * A token request of an eGain client failed: a Spring Security
 * {@link ClientAuthorizationException} whose client registration id is the client's name.
 * Names the client, the token endpoint (without its query), the HTTP status when a
 * response arrived, and the OAuth2 {@code error} and {@code error_description} when the
 * endpoint sent them. Never carries a secret or a token.
 *
 * <p>Built with {@link #withError(String, String, OAuth2Error)}.
 */
public class EgainClientAuthorizationException extends ClientAuthorizationException {

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
	 * Error code of a token endpoint that could not be reached (connection refused, reset
	 * or closed, connect timeout, unknown host, TLS failure).
	 */
	public static final String TOKEN_ENDPOINT_UNREACHABLE = "token_endpoint_unreachable";

	/**
	 * Error code of a token request that the HTTP proxy ({@code egain.auth.proxy.*})
	 * refused with {@code 407 Proxy Authentication Required}: the proxy credentials are
	 * missing or wrong, or the HTTP library sent none.
	 */
	public static final String PROXY_AUTHENTICATION_REQUIRED = "proxy_authentication_required";

	private final String tokenEndpoint;

	private final @Nullable Integer statusCode;

	private final transient @Nullable Duration retryAfter;

	private final transient @Nullable Instant nextAttemptAt;

	private final boolean transientFailure;

	private final String failure;

	private EgainClientAuthorizationException(Builder builder, String message) {
		// Spring Security's constructors take no null cause: only a cause that is there is set.
		super(builder.error, builder.clientName, message);
		if (builder.cause != null) {
			initCause(builder.cause);
		}
		this.tokenEndpoint = builder.tokenEndpoint;
		this.statusCode = (builder.statusCode != null) ? builder.statusCode.value() : null;
		this.retryAfter = builder.retryAfter;
		this.nextAttemptAt = null;
		this.transientFailure = builder.transientFailure;
		this.failure = message;
	}

	private EgainClientAuthorizationException(EgainClientAuthorizationException failure, Instant nextAttemptAt,
			Duration wait) {
		super(failure.getError(), failure.getClientRegistrationId(),
				failure.failure + ". No token request for this client before " + nextAttemptAt + " (in "
						+ Math.max(1, (wait.toMillis() + 999) / 1000)
						+ " s): until then its calls fail at once with this error");
		Throwable cause = failure.getCause();
		if (cause != null) {
			initCause(cause);
		}
		this.tokenEndpoint = failure.tokenEndpoint;
		this.statusCode = failure.statusCode;
		this.retryAfter = failure.retryAfter;
		this.nextAttemptAt = nextAttemptAt;
		this.transientFailure = failure.transientFailure;
		this.failure = failure.failure;
	}

	/**
	 * Start building the failure of a token request.
	 * @param clientName the name of the client whose token request failed
	 * @param tokenEndpoint the token endpoint, without its query; credentials written into
	 * it are masked ({@link EgainClient#withoutCredentials(String)})
	 * @param error the OAuth2 error: the endpoint's, or one of this class's codes
	 * @return a builder
	 */
	public static Builder withError(String clientName, String tokenEndpoint, OAuth2Error error) {
		return new Builder(clientName, tokenEndpoint, error);
	}

	/**
	 * Return this failure as told to a caller while the client waits before its next token
	 * request: the same error, saying when that request will be made.
	 * @param nextAttemptAt when the next token request may be made
	 * @param now the current time
	 * @return a new exception
	 */
	public EgainClientAuthorizationException withNextAttemptAt(Instant nextAttemptAt, Instant now) {
		return new EgainClientAuthorizationException(this, nextAttemptAt, Duration.between(now, nextAttemptAt));
	}

	/**
	 * The name of the client whose token request failed: its
	 * {@link #getClientRegistrationId() registration id}.
	 * @return the client name
	 */
	public String getClientName() {
		return getClientRegistrationId();
	}

	/**
	 * The token endpoint, without its query and without credentials.
	 * @return the token endpoint
	 */
	public String getTokenEndpoint() {
		return this.tokenEndpoint;
	}

	/**
	 * The HTTP status of the token endpoint's answer.
	 * @return the status, or {@code null} when no answer arrived
	 */
	public @Nullable HttpStatusCode getStatusCode() {
		return (this.statusCode != null) ? HttpStatusCode.valueOf(this.statusCode) : null;
	}

	/**
	 * The delay the token endpoint asked for with {@code Retry-After}.
	 * @return the delay, or {@code null}
	 */
	public @Nullable Duration getRetryAfter() {
		return this.retryAfter;
	}

	/**
	 * When the client makes its next token request after this failure: until then its
	 * calls fail at once with this error, so that a failing or misconfigured client does
	 * not send a token request per call.
	 * @return the time of the next token request, or {@code null} when this is the failure
	 * of a single request, not yet recorded by the client's token cache
	 */
	public @Nullable Instant getNextAttemptAt() {
		return this.nextAttemptAt;
	}

	/**
	 * Whether another attempt may succeed: a 429 or 5xx answer, a connection refused,
	 * reset or closed before a response, a connect timeout, or an unexpected exception.
	 * @return whether the failure is transient
	 */
	public boolean isTransient() {
		return this.transientFailure;
	}

	/**
	 * Builds an {@link EgainClientAuthorizationException}.
	 */
	public static final class Builder {

		private final String clientName;

		private final String tokenEndpoint;

		private final OAuth2Error error;

		private @Nullable HttpStatusCode statusCode;

		private @Nullable String detail;

		private @Nullable Duration retryAfter;

		private boolean transientFailure;

		private @Nullable Throwable cause;

		private Builder(String clientName, String tokenEndpoint, OAuth2Error error) {
			Assert.hasText(clientName, "clientName must not be empty");
			Assert.hasText(tokenEndpoint, "tokenEndpoint must not be empty");
			Assert.notNull(error, "error must not be null");
			this.clientName = clientName;
			// Credentials written into the URL never reach the message or the accessor.
			this.tokenEndpoint = EgainClient.withoutCredentials(tokenEndpoint);
			this.error = error;
		}

		/**
		 * Set the HTTP status of the token endpoint's answer; leave it unset when no answer
		 * arrived.
		 * @param statusCode the status
		 * @return this builder
		 */
		public Builder statusCode(HttpStatusCode statusCode) {
			this.statusCode = statusCode;
			return this;
		}

		/**
		 * Set what to add to the message: a hint at what to check, or the wait the
		 * endpoint asked for.
		 * @param detail the detail
		 * @return this builder
		 */
		public Builder detail(@Nullable String detail) {
			this.detail = detail;
			return this;
		}

		/**
		 * Set the delay the endpoint asked for with {@code Retry-After}.
		 * @param retryAfter the delay
		 * @return this builder
		 */
		public Builder retryAfter(@Nullable Duration retryAfter) {
			this.retryAfter = retryAfter;
			return this;
		}

		/**
		 * Mark the failure as one another attempt may mend (a 429 or 5xx answer, a
		 * connection refused, reset or closed, a connect timeout).
		 * @return this builder
		 */
		public Builder transientFailure() {
			this.transientFailure = true;
			return this;
		}

		/**
		 * Set the cause.
		 * @param cause the cause
		 * @return this builder
		 */
		public Builder cause(@Nullable Throwable cause) {
			this.cause = cause;
			return this;
		}

		/**
		 * Build the exception.
		 * @return the exception
		 */
		public EgainClientAuthorizationException build() {
			return new EgainClientAuthorizationException(this, message());
		}

		private String message() {
			StringBuilder message = new StringBuilder("Token request of eGain client '").append(this.clientName)
				.append("' to ")
				.append(this.tokenEndpoint)
				.append(" failed: ");
			if (this.statusCode != null) {
				message.append("HTTP ").append(this.statusCode.value()).append(", ");
			}
			message.append(this.error.getErrorCode());
			if (this.error.getDescription() != null) {
				message.append(" (").append(this.error.getDescription()).append(')');
			}
			if (this.detail != null) {
				message.append(". ").append(this.detail);
			}
			return message.toString();
		}

	}

}
