package com.egain.auth.spring.endpoint;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;

import com.egain.auth.spring.EgainClient;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;

/**
 * The client-credentials token request of one eGain client, as eGain's guide describes
 * it for both client types: a form {@code POST} of {@code grant_type}, {@code scope},
 * {@code client_id} and {@code client_secret} to the client's
 * {@link EgainClient#getTokenRequestUri() token request URI} (which carries
 * {@code user_type} and {@code domain_hint} for an anonymous customer).
 *
 * @param clientName the client's name
 * @param uri where the request goes
 * @param endpoint the URI without its query and user information, for messages
 * @param form the form body, which holds the client secret
 * @param scopes the scopes the form requests, as sent (anonymous-customer scopes with
 * their prefix)
 * @param proxy the proxy ({@code host:port}) the request goes through, or {@code null}
 */
record TokenRequest(String clientName, URI uri, String endpoint, byte[] form, Set<String> scopes,
		@Nullable String proxy) {

	static TokenRequest of(EgainClient client, @Nullable String proxy) {
		URI uri = client.getTokenRequestUri();
		return new TokenRequest(client.getName(), uri, withoutQuery(uri), form(client.getRegistration()),
				client.getRegistration().getScopes(), proxy);
	}

	private static byte[] form(ClientRegistration registration) {
		String form = field(OAuth2ParameterNames.GRANT_TYPE, registration.getAuthorizationGrantType().getValue())
				+ "&" + field(OAuth2ParameterNames.SCOPE, String.join(" ", registration.getScopes())) + "&"
				+ field(OAuth2ParameterNames.CLIENT_ID, registration.getClientId()) + "&"
				+ field(OAuth2ParameterNames.CLIENT_SECRET, registration.getClientSecret());
		return form.getBytes(StandardCharsets.UTF_8);
	}

	private static String field(String name, String value) {
		return URLEncoder.encode(name, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private static String withoutQuery(URI uri) {
		// Host and port, never the user information of the authority.
		return uri.getScheme() + "://" + uri.getHost() + ((uri.getPort() != -1) ? ":" + uri.getPort() : "")
				+ ((uri.getRawPath() != null) ? uri.getRawPath() : "");
	}

	@Override
	public String toString() {
		// Never the form, which holds the client secret.
		return "TokenRequest[client=" + this.clientName + ", endpoint=" + this.endpoint
				+ ((this.proxy != null) ? ", proxy=" + this.proxy : "") + "]";
	}

}
