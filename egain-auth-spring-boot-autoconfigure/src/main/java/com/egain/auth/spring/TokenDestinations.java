package com.egain.auth.spring;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Where a client's token may be sent: the origin (scheme, host, port) of its base URL and
 * of its allowed origins, and plain {@code http} only to a loopback address.
 */
final class TokenDestinations {

	private static final Log logger = LogFactory.getLog(TokenDestinations.class);

	private final String clientName;

	private final EgainAuthMetrics metrics;

	private final List<Origin> origins = new ArrayList<>();

	TokenDestinations(EgainClient client, EgainAuthMetrics metrics) {
		this.clientName = client.getName();
		this.metrics = metrics;
		this.origins.add(Origin.of(client.getBaseUrl()));
		for (URI origin : client.getAllowedOrigins()) {
			this.origins.add(Origin.of(origin));
		}
	}

	/**
	 * Whether the token may go with the given request; when not, says why at DEBUG and
	 * counts the request as sent without a token.
	 */
	boolean permit(Object method, URI url) {
		Refusal refusal = refusal(url);
		if (refusal == null) {
			return true;
		}
		if (logger.isDebugEnabled()) {
			logger.debug("Not sending the token of eGain client '" + this.clientName + "' to " + method + " "
					+ url.getScheme() + "://" + url.getHost() + ((url.getPort() != -1) ? ":" + url.getPort() : "") + ": "
					+ refusal.description());
		}
		this.metrics.sentWithoutToken(this.clientName, refusal.reason());
		return false;
	}

	/**
	 * Return why the token must not go to the given URL, or {@code null} when it may.
	 */
	@Nullable Refusal refusal(URI url) {
		String scheme = url.getScheme();
		String host = url.getHost();
		if (scheme == null || host == null) {
			return Refusal.ORIGIN;
		}
		if ("http".equalsIgnoreCase(scheme) && !EgainClient.isLoopbackHost(host)) {
			return Refusal.INSECURE;
		}
		int port = Origin.port(scheme, url.getPort());
		for (Origin origin : this.origins) {
			if (origin.matches(scheme, host, port)) {
				return null;
			}
		}
		return Refusal.ORIGIN;
	}

	enum Refusal {

		ORIGIN("origin", "its origin is neither the client's base-url origin nor one of its allowed-origins"),

		INSECURE("insecure", "plain http to a host that is not a loopback address");

		private final String reason;

		private final String description;

		Refusal(String reason, String description) {
			this.reason = reason;
			this.description = description;
		}

		String reason() {
			return this.reason;
		}

		String description() {
			return this.description;
		}

	}

	record Origin(String scheme, String host, int port) {

		static Origin of(URI uri) {
			return new Origin(uri.getScheme(), uri.getHost(), port(uri.getScheme(), uri.getPort()));
		}

		static int port(String scheme, int port) {
			if (port != -1) {
				return port;
			}
			return "http".equalsIgnoreCase(scheme) ? 80 : 443;
		}

		boolean matches(String scheme, String host, int port) {
			return this.port == port && this.scheme.equalsIgnoreCase(scheme) && this.host.equalsIgnoreCase(host);
		}

	}

}
