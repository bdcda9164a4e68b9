package com.egain.auth.spring;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.client.registration.ClientRegistration;

/**
 * One configured eGain client: its Spring Security {@link ClientRegistration} and where
 * its token may be sent.
 *
 * <p>{@link #toString()} never prints the registration, whose own {@code toString()}
 * shows the client secret.
 */
public final class EgainClient {

	private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://");

	private final String name;

	private final EgainClientType type;

	private final @Nullable String tenantId;

	private final ClientRegistration registration;

	private final URI baseUrl;

	private final List<URI> allowedOrigins;

	private final URI tokenRequestUri;

	/**
	 * Create a client.
	 * @param name the client's name, also its registration id
	 * @param type the client's type
	 * @param tenantId the eGain tenant id: required for an anonymous customer, whose token
	 * requests name it; may be {@code null} for a client-app
	 * @param registration the client's registration
	 * @param baseUrl the base URL of its WebClient and RestClient
	 * @param allowedOrigins further origins that may receive its token
	 */
	public EgainClient(String name, EgainClientType type, @Nullable String tenantId, ClientRegistration registration,
			URI baseUrl, List<URI> allowedOrigins) {
		this.name = name;
		this.type = type;
		this.tenantId = tenantId;
		this.registration = registration;
		this.baseUrl = baseUrl;
		this.allowedOrigins = List.copyOf(allowedOrigins);
		this.tokenRequestUri = type.tokenRequestUri(registration.getProviderDetails().getTokenUri(), tenantId);
	}

	/**
	 * The client's name: its registration id, the qualifier of its WebClient and
	 * RestClient, and the name of the HTTP service group it serves.
	 * @return the name
	 */
	public String getName() {
		return this.name;
	}

	public EgainClientType getType() {
		return this.type;
	}

	/**
	 * The eGain tenant id: its tenant-id, else the tenant in its token URI, else
	 * {@code egain.auth.tenant-id} (for an anonymous customer also the one tenant of the
	 * client-app token URIs); {@code null} for a client-app when none of these gives
	 * one.
	 * @return the tenant id
	 */
	public @Nullable String getTenantId() {
		return this.tenantId;
	}

	public ClientRegistration getRegistration() {
		return this.registration;
	}

	/**
	 * The URI its token requests are sent to: the registration's token URI, plus
	 * {@code user_type=customer} and {@code domain_hint=<tenant id>} for an anonymous
	 * customer.
	 * @return the URI
	 */
	public URI getTokenRequestUri() {
		return this.tokenRequestUri;
	}

	/**
	 * Base URL of the client's WebClient and RestClient; its origin may receive the token.
	 * @return the base URL
	 */
	public URI getBaseUrl() {
		return this.baseUrl;
	}

	/**
	 * Further origins that may receive the client's token.
	 * @return the origins, as {@code scheme://host[:port]} URIs
	 */
	public List<URI> getAllowedOrigins() {
		return this.allowedOrigins;
	}

	/**
	 * The given URL text, fit for a message: everything between its {@code scheme://} (or
	 * its start, when it has none) and its last {@code @} is replaced with {@code ***}, so
	 * that no credentials written into the URL are printed, whatever its shape: also when
	 * it is no valid URI, when the password holds {@code /}, {@code ?}, {@code #} or
	 * {@code @}, or when the scheme is missing or mistyped. An {@code @} elsewhere (in the
	 * path or query) masks more than needed, never less.
	 * @param url the URL text, as configured
	 * @return the text without credentials
	 */
	public static String withoutCredentials(String url) {
		String text = url.trim();
		int at = text.lastIndexOf('@');
		if (at < 0) {
			return text;
		}
		Matcher scheme = SCHEME.matcher(text);
		String kept = (scheme.find() && scheme.end() <= at) ? scheme.group() : "";
		return kept + "***" + text.substring(at);
	}

	/**
	 * Whether the given host is a loopback address, the only hosts to which credentials
	 * and tokens may travel over plain http: {@code localhost}, a literal IPv4 address in
	 * {@code 127.0.0.0/8}, or {@code [::1]}. Judged on the address itself, never by
	 * resolving a name: {@code 127.example.com} or {@code 127.0.0.1.nip.io} are not
	 * loopback.
	 * @param host the host, as {@link URI#getHost()} gives it ({@code null} for an
	 * authority that is no valid host)
	 * @return whether it is a loopback host
	 */
	public static boolean isLoopbackHost(@Nullable String host) {
		if (host == null) {
			return false;
		}
		String name = host.toLowerCase(Locale.ROOT);
		return name.equals("localhost") || name.equals("[::1]") || isLoopbackIpv4Literal(name);
	}

	// Checked on every plain-http request: scans the characters, allocates nothing.
	private static boolean isLoopbackIpv4Literal(String host) {
		int octets = 0;
		int firstOctet = -1;
		int value = 0;
		int digits = 0;
		for (int i = 0; i <= host.length(); i++) {
			char c = (i < host.length()) ? host.charAt(i) : '.';
			if (c == '.') {
				if (digits == 0 || value > 255) {
					return false;
				}
				if (octets == 0) {
					firstOctet = value;
				}
				octets++;
				value = 0;
				digits = 0;
			}
			else if (c >= '0' && c <= '9' && digits < 3) {
				value = value * 10 + (c - '0');
				digits++;
			}
			else {
				return false;
			}
		}
		return octets == 4 && firstOctet == 127;
	}

	@Override
	public String toString() {
		return "EgainClient[name=" + this.name + ", type=" + this.type + ", tokenUri="
				+ withoutCredentials(this.registration.getProviderDetails().getTokenUri()) + ", scopes="
				+ this.registration.getScopes() + ", baseUrl=" + withoutCredentials(this.baseUrl.toString()) + "]";
	}

}
