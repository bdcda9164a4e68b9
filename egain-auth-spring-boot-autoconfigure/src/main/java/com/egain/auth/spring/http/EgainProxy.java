package com.egain.auth.spring.http;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The HTTP proxy of the starter's traffic ({@code egain.auth.proxy.*}): where it is, the
 * Basic credentials it asks for, and the hosts reached without it.
 *
 * <p>Its {@link #toString()} names the proxy and never the password.
 *
 * @param host the proxy's host
 * @param port the proxy's port
 * @param username the user name for Basic authentication, or {@code null}
 * @param password the password for Basic authentication, or {@code null}
 * @param nonProxyHosts the patterns of the hosts reached without the proxy
 */
public record EgainProxy(String host, int port, @Nullable String username, @Nullable String password,
		List<String> nonProxyHosts) {

	/**
	 * Whether a request to the given host goes through the proxy: unless a non-proxy-hosts
	 * pattern matches it, as the JVM's {@code http.nonProxyHosts} do (case-insensitive, a
	 * {@code *} at the start or end matches any text).
	 * @param targetHost the host of the request's URI
	 * @return whether to use the proxy
	 */
	public boolean appliesTo(@Nullable String targetHost) {
		if (targetHost == null) {
			return true;
		}
		String host = targetHost.toLowerCase(Locale.ROOT);
		if (host.startsWith("[") && host.endsWith("]")) {
			host = host.substring(1, host.length() - 1);
		}
		for (String pattern : this.nonProxyHosts) {
			if (matches(pattern.toLowerCase(Locale.ROOT), host)) {
				return false;
			}
		}
		return true;
	}

	private static boolean matches(String pattern, String host) {
		String regex = "\\Q" + pattern.replace("*", "\\E.*\\Q") + "\\E";
		return Pattern.matches(regex, host)
				|| (pattern.startsWith("[") && matches(pattern.replace("[", "").replace("]", ""), host));
	}

	/**
	 * Whether the proxy asks for Basic credentials.
	 * @return whether a user name is set
	 */
	public boolean hasCredentials() {
		return this.username != null;
	}

	/**
	 * The proxy as {@code host:port}, for messages and health details.
	 * @return the address
	 */
	public String address() {
		return (this.host.contains(":") ? "[" + this.host + "]" : this.host) + ":" + this.port;
	}

	@Override
	public String toString() {
		// Never the password.
		return "EgainProxy[" + address() + ((this.username != null) ? ", user " + this.username : "")
				+ ", nonProxyHosts=" + this.nonProxyHosts + "]";
	}

}
