package com.egain.auth.spring;

import java.time.Instant;
import java.util.Objects;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.core.OAuth2AuthorizationException;

/**
 * Logs the calls of one client that fail for want of a token: the first call that fails
 * with a failed token request's error at ERROR; the other calls that fail with the same
 * failed token request (the same error, told with the same next attempt) at DEBUG,
 * counted, and the count told in the next ERROR line. A failing token endpoint thus logs
 * one ERROR line per token request, not one per call.
 */
final class FailureLog {

	private static final Log logger = LogFactory.getLog(FailureLog.class);

	private final String clientName;

	private @Nullable String loggedError;

	private @Nullable Instant loggedNextAttempt;

	private int suppressed;

	FailureLog(String clientName) {
		this.clientName = clientName;
	}

	void failed(String call, Throwable ex) {
		String error = (ex instanceof OAuth2AuthorizationException oauth2) ? oauth2.getError().getErrorCode()
				: ex.getClass().getName();
		Instant nextAttempt = (ex instanceof EgainClientAuthorizationException egain) ? egain.getNextAttemptAt()
				: null;
		int suppressedBefore;
		String suppressedError;
		synchronized (this) {
			if (nextAttempt != null && error.equals(this.loggedError)
					&& Objects.equals(nextAttempt, this.loggedNextAttempt)) {
				this.suppressed++;
				logger.debug(line(call, ex));
				return;
			}
			suppressedBefore = this.suppressed;
			suppressedError = this.loggedError;
			this.suppressed = 0;
			this.loggedError = error;
			this.loggedNextAttempt = nextAttempt;
		}
		logger.error(line(call, ex) + ((suppressedBefore > 0)
				? " [" + suppressedBefore + " more calls failed with " + suppressedError
						+ " since the last ERROR line; logged at DEBUG]"
				: ""));
	}

	private String line(String call, Throwable ex) {
		return "eGain API request " + call + " failed for want of a token of client '" + this.clientName + "': "
				+ ex.getMessage();
	}

}
