package com.egain.auth.spring.http;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.SslBundle;

/**
 * How the starter's traffic reaches eGain: the SSL bundle of each client and the proxy of
 * all of them. The auto-configuration reads them from {@code egain.auth.*} and checks
 * them at start-up.
 */
public interface EgainConnectionSettings {

	/**
	 * The proxy of all of the starter's traffic.
	 * @return the proxy, or {@code null} when there is none
	 */
	@Nullable EgainProxy proxy();

	/**
	 * The name of the SSL bundle of the given client's traffic, when the starter's
	 * settings name one.
	 * @param clientName the client's name, or {@code null} for the default of all clients
	 * @return the bundle's name, or {@code null} to keep Spring Boot's setting
	 */
	@Nullable String sslBundleName(@Nullable String clientName);

	/**
	 * The SSL bundle of the given client's traffic, when the starter's settings name one.
	 * @param clientName the client's name, or {@code null} for the default of all clients
	 * @return the bundle, or {@code null} to keep Spring Boot's setting
	 */
	@Nullable SslBundle sslBundle(@Nullable String clientName);

	/**
	 * What the start-up line and health say of the given client's connection: its proxy
	 * ({@code host:port}) and SSL bundle, never credentials.
	 * @param clientName the client's name
	 * @return the details, empty when neither is set
	 */
	default Map<String, Object> details(String clientName) {
		Map<String, Object> details = new LinkedHashMap<>();
		EgainProxy proxy = proxy();
		if (proxy != null) {
			details.put("proxy", proxy.address());
		}
		String bundle = sslBundleName(clientName);
		if (bundle != null) {
			details.put("sslBundle", bundle);
		}
		return details;
	}

}
