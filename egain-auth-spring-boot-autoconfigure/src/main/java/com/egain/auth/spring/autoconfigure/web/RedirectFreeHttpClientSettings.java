package com.egain.auth.spring.autoconfigure.web;

import com.egain.auth.spring.EgainRestClients;
import com.egain.auth.spring.EgainWebClients;
import com.egain.auth.spring.http.EgainConnectionSettings;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.boot.http.client.autoconfigure.HttpClientSettingsPropertyMapper;
import org.springframework.boot.http.client.autoconfigure.service.HttpServiceClientProperties;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;

/**
 * The HTTP client settings of the starter's WebClients, RestClients and HTTP service
 * groups: Spring Boot's own ({@code spring.http.clients.*}, and for a group its
 * {@code spring.http.serviceclient.<group>.*}), with redirects turned off so that a token
 * never follows one to another origin.
 *
 * <p>Internal to the starter's auto-configuration.
 */
public final class RedirectFreeHttpClientSettings {

	private final HttpClientSettings defaults;

	private final HttpClientSettingsPropertyMapper groupSettings;

	private final @Nullable ObjectProvider<HttpServiceClientProperties> groupProperties;

	public RedirectFreeHttpClientSettings(ObjectProvider<HttpClientSettings> settings, ObjectProvider<SslBundles> sslBundles,
			@Nullable ObjectProvider<HttpServiceClientProperties> groupProperties) {
		this.defaults = settings.getIfAvailable(HttpClientSettings::defaults);
		this.groupSettings = new HttpClientSettingsPropertyMapper(sslBundles.getIfAvailable(), this.defaults);
		this.groupProperties = groupProperties;
	}

	public RedirectFreeHttpClientSettings(ObjectProvider<HttpClientSettings> settings, ObjectProvider<SslBundles> sslBundles) {
		this(settings, sslBundles, null);
	}

	/**
	 * The settings of the pre-authorized clients and of the builders of
	 * {@code EgainWebClients} / {@code EgainRestClients}.
	 */
	public HttpClientSettings forClients() {
		return this.defaults.withRedirects(HttpRedirects.DONT_FOLLOW);
	}

	/**
	 * The settings of the pre-authorized clients and builders of the given eGain client:
	 * {@link #forClients()} with the client's SSL bundle, when the starter's properties
	 * name one ({@code egain.auth.clients.<name>.ssl-bundle}, else
	 * {@code egain.auth.ssl-bundle}).
	 */
	public HttpClientSettings forClient(String clientName, EgainConnectionSettings connections) {
		return withBundle(forClients(), connections.sslBundle(clientName));
	}

	/**
	 * The settings of the HTTP service group of the given eGain client:
	 * {@link #forGroup(String)} with the client's SSL bundle, when the starter's
	 * properties name one.
	 */
	public HttpClientSettings forGroup(String groupName, EgainConnectionSettings connections) {
		return withBundle(forGroup(groupName), connections.sslBundle(groupName));
	}

	private static HttpClientSettings withBundle(HttpClientSettings settings, @Nullable SslBundle bundle) {
		return (bundle != null) ? settings.withSslBundle(bundle) : settings;
	}

	/**
	 * The settings of the HTTP service group of the given name.
	 */
	public HttpClientSettings forGroup(String groupName) {
		HttpServiceClientProperties properties = (this.groupProperties != null)
				? this.groupProperties.getIfAvailable() : null;
		return this.groupSettings.map((properties != null) ? properties.get(groupName) : null)
			.withRedirects(HttpRedirects.DONT_FOLLOW);
	}

}
