package com.egain.auth.spring.token;

import java.util.regex.Pattern;

import com.egain.auth.spring.EgainClientAuthorizationException;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import reactor.core.publisher.Mono;

import org.springframework.security.oauth2.core.OAuth2AuthorizationException;

/**
 * The {@code egain.auth.token.request} observation around each token request: a span of
 * its own under the observation of the request that needed the token (a root span for a
 * background refresh), and, with Micrometer's meter handler, a timer tagged with the
 * client and the outcome.
 */
final class EgainTokenObservations {

	/**
	 * Name of the observation of a token request.
	 */
	static final String TOKEN_REQUEST = "egain.auth.token.request";

	// The key under which Micrometer's context propagation keeps the current observation.
	private static final String CURRENT_OBSERVATION = "micrometer.observation";

	private static final Pattern ERROR_CODE = Pattern.compile("[a-z_]{1,40}");

	private EgainTokenObservations() {
	}

	static <T> Mono<T> observe(ObservationRegistry registry, String clientName, Mono<T> tokenRequest) {
		if (registry.isNoop()) {
			return tokenRequest;
		}
		return Mono.deferContextual((context) -> {
			Observation observation = Observation.createNotStarted(TOKEN_REQUEST, registry)
				.contextualName("egain token " + clientName)
				.lowCardinalityKeyValue("client", clientName)
				.parentObservation(context.getOrDefault(CURRENT_OBSERVATION, null))
				.start();
			// Stopped before the result travels on, so that whoever acts on it sees it timed.
			return tokenRequest
				.doOnNext((response) -> observation.lowCardinalityKeyValue("outcome", "success").stop())
				.doOnError((ex) -> observation.lowCardinalityKeyValue("outcome", outcome(ex)).error(ex).stop())
				.doOnCancel(observation::stop)
				.contextWrite((inner) -> inner.put(CURRENT_OBSERVATION, observation));
		});
	}

	/**
	 * The outcome of a failed token request, as a tag value: {@code timeout},
	 * {@code io_error}, or the OAuth2 error code.
	 */
	static String outcome(Throwable ex) {
		if (!(ex instanceof OAuth2AuthorizationException oauth2)) {
			return "io_error";
		}
		String code = oauth2.getError().getErrorCode();
		if (EgainClientAuthorizationException.TOKEN_ENDPOINT_TIMEOUT.equals(code)) {
			return "timeout";
		}
		if (EgainClientAuthorizationException.TOKEN_ENDPOINT_UNREACHABLE.equals(code)) {
			return "io_error";
		}
		return ERROR_CODE.matcher(code).matches() ? code : "other_error";
	}

}
