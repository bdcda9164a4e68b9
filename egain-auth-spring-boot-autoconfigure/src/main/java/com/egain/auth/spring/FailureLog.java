package com.egain.auth.spring;

import java.time.Clock;
import java.time.Instant;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.security.oauth2.core.OAuth2AuthorizationException;

/**
 * Logs the calls of one client that fail for want of a token: the first call with a new
 * error, or the first after the backoff of the error it last logged, at ERROR; the others
 * at DEBUG, counted, and the count told in the next ERROR line. A failing token endpoint
 * thus logs one ERROR line per token request, not one per call.
 */
final class FailureLog {

	private static final Log logger = LogFactory.getLog(FailureLog.class);

	private final String clientName;

	private final Clock clock;

	private String loggedError;

	private long quietUntil;

	private int suppressed;

	FailureLog(String clientName, Clock clock) {
		this.clientName = clientName;
		this.clock = clock;
	}

	void failed(String call, Throwable ex) {
		String error = (ex instanceof OAuth2AuthorizationException oauth2) ? oauth2.getError().getErrorCode()
				: ex.getClass().getName();
		Instant nextAttempt = (ex instanceof EgainAuthenticationException egain) ? egain.getNextAttemptAt() : null;
		long now = this.clock.millis();
		int suppressedBefore;
		String suppressedError;
		synchronized (this) {
			if (error.equals(this.loggedError) && now < this.quietUntil) {
				this.suppressed++;
				logger.debug(line(call, ex));
				return;
			}
			suppressedBefore = this.suppressed;
			suppressedError = this.loggedError;
			this.suppressed = 0;
			this.loggedError = error;
			this.quietUntil = (nextAttempt != null) ? nextAttempt.toEpochMilli() : now;
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
