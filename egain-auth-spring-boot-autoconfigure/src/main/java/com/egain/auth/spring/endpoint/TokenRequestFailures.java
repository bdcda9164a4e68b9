package com.egain.auth.spring.endpoint;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

import com.egain.auth.spring.EgainClientAuthorizationException;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.security.oauth2.core.OAuth2Error;

/**
 * Classifies what went wrong with a token request and says it in an
 * {@link EgainClientAuthorizationException}: which error code, which hint, and whether
 * another attempt may succeed (a {@code 429} or {@code 5xx} answer, a connection
 * refused, reset or closed, a connect timeout, or an unexpected exception; not an unknown
 * host, a TLS failure, a response timeout or an unusable answer).
 */
final class TokenRequestFailures {

	private TokenRequestFailures() {
	}

	/**
	 * The endpoint answered with an error status.
	 * @param request the request
	 * @param status the status
	 * @param error the OAuth2 error of the body, or one naming the status
	 * @param retryAfter the wait the endpoint asked for, or {@code null}
	 * @return the failure
	 */
	static EgainClientAuthorizationException errorResponse(TokenRequest request, HttpStatusCode status,
			OAuth2Error error, @Nullable Duration retryAfter) {
		String detail = (retryAfter != null) ? "Retry-After: " + retryAfter.toSeconds() + " s" : hint(status);
		EgainClientAuthorizationException.Builder failure = EgainClientAuthorizationException
			.withError(request.clientName(), request.endpoint(), error)
			.statusCode(status)
			.detail(detail)
			.retryAfter(retryAfter);
		if (status.value() == HttpStatus.TOO_MANY_REQUESTS.value() || status.is5xxServerError()) {
			failure.transientFailure();
		}
		return failure.build();
	}

	/**
	 * The proxy refused the request with {@code 407 Proxy Authentication Required}.
	 * @param request the request
	 * @param status the status of the proxy's answer, or {@code null} when the HTTP
	 * library turned it into an exception
	 * @param cause what the HTTP library threw, or {@code null}
	 * @return the failure
	 */
	static EgainClientAuthorizationException proxyAuthenticationRequired(TokenRequest request,
			@Nullable HttpStatusCode status, @Nullable Throwable cause) {
		EgainClientAuthorizationException.Builder failure = EgainClientAuthorizationException
			.withError(request.clientName(), request.endpoint(),
					new OAuth2Error(EgainClientAuthorizationException.PROXY_AUTHENTICATION_REQUIRED,
							"the proxy " + request.proxy() + " refused the request: 407 Proxy Authentication Required",
							null))
			.detail("Check egain.auth.proxy.username and egain.auth.proxy.password")
			.cause(cause);
		if (status != null) {
			failure.statusCode(status);
		}
		return failure.build();
	}

	/**
	 * The endpoint answered, but not with a usable token response.
	 * @param request the request
	 * @param status the status of the answer
	 * @param what what is wrong with it
	 * @return the failure
	 */
	static EgainClientAuthorizationException invalidResponse(TokenRequest request, HttpStatusCode status,
			String what) {
		return EgainClientAuthorizationException
			.withError(request.clientName(), request.endpoint(),
					new OAuth2Error(EgainClientAuthorizationException.INVALID_TOKEN_RESPONSE, what, null))
			.statusCode(status)
			.build();
	}

	/**
	 * No answer arrived.
	 * @param request the request
	 * @param ex what the HTTP client threw
	 * @return the failure
	 */
	static EgainClientAuthorizationException transportFailure(TokenRequest request, Throwable ex) {
		if (request.proxy() != null && proxyRefused(ex)) {
			return proxyAuthenticationRequired(request, null, ex);
		}
		String code = EgainClientAuthorizationException.TOKEN_ENDPOINT_UNREACHABLE;
		boolean connectionFailure = false;
		String what;
		if (causedBy(ex, HttpConnectTimeoutException.class)
				|| causedBy(ex, "io.netty.channel.ConnectTimeoutException")
				|| causedBy(ex, "org.apache.hc.client5.http.ConnectTimeoutException")) {
			what = "connect timed out (egain.auth.token-endpoint.connect-timeout)";
			connectionFailure = true;
		}
		else if (causedBy(ex, HttpTimeoutException.class) || causedBy(ex, TimeoutException.class)
				|| causedBy(ex, SocketTimeoutException.class)
				|| causedBy(ex, "io.netty.handler.timeout.ReadTimeoutException")) {
			code = EgainClientAuthorizationException.TOKEN_ENDPOINT_TIMEOUT;
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
			connectionFailure = true;
		}
		else if (causedBy(ex, IOException.class)) {
			what = "connection failed or closed before a response";
			connectionFailure = true;
		}
		else {
			what = "unexpected " + ex.getClass().getSimpleName();
			connectionFailure = true;
		}
		if (request.proxy() != null) {
			what = what + ", through the proxy " + request.proxy();
		}
		EgainClientAuthorizationException.Builder failure = EgainClientAuthorizationException
			.withError(request.clientName(), request.endpoint(), new OAuth2Error(code, what, null))
			.cause(ex);
		if (connectionFailure) {
			failure.transientFailure();
		}
		return failure.build();
	}

	/**
	 * Whether the HTTP library failed because the proxy answered its {@code CONNECT} with
	 * {@code 407}: Reactor Netty and Apache HttpClient throw, naming the status in the
	 * message.
	 */
	private static boolean proxyRefused(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			String type = cause.getClass().getName();
			boolean proxyFailure = type.equals("io.netty.handler.proxy.HttpProxyHandler$HttpProxyConnectException")
					|| type.equals("org.apache.hc.client5.http.impl.TunnelRefusedException")
					|| type.equals("org.apache.hc.client5.http.TunnelRefusedException");
			String message = cause.getMessage();
			if (proxyFailure && message != null && message.contains("407")) {
				return true;
			}
		}
		return false;
	}

	private static @Nullable String hint(HttpStatusCode status) {
		return switch (status.value()) {
			case 401 -> "Check the client-id and client-secret";
			case 403 -> "Check that the client app may use this token endpoint and these scopes";
			case 404 -> "Check the token-uri: its tenant id and path must match the client app's Token URL in eGain";
			default -> null;
		};
	}

	private static boolean causedBy(Throwable ex, Class<? extends Throwable> type) {
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

}
