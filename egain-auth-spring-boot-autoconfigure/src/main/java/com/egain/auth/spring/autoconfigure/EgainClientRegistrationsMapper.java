package com.egain.auth.spring.autoconfigure;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.egain.auth.spring.EgainClient;
import com.egain.auth.spring.EgainClientRegistrations;
import com.egain.auth.spring.EgainClientType;
import com.egain.auth.spring.autoconfigure.InvalidEgainConfigurationException.Problem;
import com.egain.auth.spring.credentials.CredentialFiles;
import org.jspecify.annotations.Nullable;

import org.springframework.lang.Contract;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.util.StringUtils;

/**
 * Validates {@link EgainAuthProperties} and turns each client into an
 * {@link EgainClient} with its Spring Security {@link ClientRegistration}.
 */
final class EgainClientRegistrationsMapper {

	private static final Pattern TENANT_IN_TOKEN_URI = Pattern.compile("/system/auth/([^/]+)-[UuCc]/");

	private static final Pattern UNRESOLVED_PLACEHOLDER = Pattern.compile("\\$\\{[^${}]*}");

	private static final String PREFIX = "egain.auth.";

	private final EgainAuthProperties properties;

	private final List<Problem> problems = new ArrayList<>();

	private final boolean secretSource;

	private EgainClientRegistrationsMapper(EgainAuthProperties properties, boolean secretSource) {
		this.properties = properties;
		this.secretSource = secretSource;
	}

	/**
	 * Map the properties to registrations.
	 * @param properties the properties
	 * @return the registrations
	 * @throws InvalidEgainConfigurationException listing every mistake found
	 */
	static EgainClientRegistrations map(EgainAuthProperties properties) {
		return map(properties, false);
	}

	/**
	 * Map the properties to registrations.
	 * @param properties the properties
	 * @param secretSource whether the application has an {@code EgainClientSecretSource},
	 * so that a client may configure no secret of its own
	 * @return the registrations
	 * @throws InvalidEgainConfigurationException listing every mistake found
	 */
	static EgainClientRegistrations map(EgainAuthProperties properties, boolean secretSource) {
		return new EgainClientRegistrationsMapper(properties, secretSource).map();
	}

	/**
	 * Return the tenant id named in a client-app token URI
	 * ({@code .../system/auth/<TENANT>-U/oauth2/token}), or {@code null}.
	 * @param tokenUri the token URI
	 * @return the tenant id or {@code null}
	 */
	static @Nullable String tenantOf(@Nullable String tokenUri) {
		if (tokenUri == null) {
			return null;
		}
		Matcher matcher = TENANT_IN_TOKEN_URI.matcher(tokenUri);
		return matcher.find() ? matcher.group(1) : null;
	}

	private EgainClientRegistrations map() {
		unresolved(PREFIX + "tenant-id", this.properties.getTenantId());
		URI apiBaseUrl = unresolved(PREFIX + "api-base-url", this.properties.getApiBaseUrl()) ? null
				: absoluteUri(PREFIX + "api-base-url", this.properties.getApiBaseUrl(), true,
						"the base URL of eGain's APIs, e.g. " + EgainAuthProperties.DEFAULT_API_BASE_URL);
		requireText(PREFIX + "anonymous-scope-prefix", this.properties.getAnonymousScopePrefix(),
				"remove it to use " + EgainAuthProperties.DEFAULT_ANONYMOUS_SCOPE_PREFIX);
		this.problems.addAll(EgainSettingsValidator.problems(this.properties));
		List<EgainClient> clients = new ArrayList<>();
		for (Map.Entry<String, EgainAuthProperties.Client> entry : this.properties.getClients().entrySet()) {
			EgainClient client = client(entry.getKey(), entry.getValue(), apiBaseUrl);
			if (client != null) {
				clients.add(client);
			}
		}
		if (!this.problems.isEmpty()) {
			throw new InvalidEgainConfigurationException(this.problems);
		}
		return new EgainClientRegistrations(clients);
	}

	private @Nullable EgainClient client(String name, EgainAuthProperties.Client client, @Nullable URI apiBaseUrl) {
		String prefix = PREFIX + "clients." + name + ".";
		int problemsBefore = this.problems.size();
		if (hasUnresolvedPlaceholders(prefix, client)) {
			return null;
		}
		EgainClientType type = client.getType();
		String clientId = credential(prefix + "client-id", client.getClientId(), client.getClientIdFile(), false,
				"set it to the client id of the eGain client application (e.g. client-id: ${EGAIN_CLIENT_ID}), "
						+ "or set client-id-file to a file that holds it");
		String clientSecret = credential(prefix + "client-secret", client.getClientSecret(),
				client.getClientSecretFile(), this.secretSource,
				"set it to the client secret of the eGain client application "
						+ "(e.g. client-secret: ${EGAIN_CLIENT_SECRET}), or set client-secret-file to a file that "
						+ "holds it (e.g. a mounted Kubernetes Secret)");
		Set<String> scopes = scopes(prefix + "scopes", type, client.getScopes());
		String tokenUri = tokenUri(prefix + "token-uri", type, client.getTokenUri(), apiBaseUrl);
		String tenantId = tenantId(prefix + "tenant-id", type, client);
		URI baseUrl = StringUtils.hasText(client.getBaseUrl())
				? absoluteUri(prefix + "base-url", client.getBaseUrl(), true,
						"the base URL of the eGain API this client calls, or remove it to use "
								+ PREFIX + "api-base-url")
				: apiBaseUrl;
		List<URI> allowedOrigins = new ArrayList<>();
		for (int i = 0; i < client.getAllowedOrigins().size(); i++) {
			URI origin = absoluteUri(prefix + "allowed-origins[" + i + "]", client.getAllowedOrigins().get(i), false,
					"an origin such as https://api.ai.egain.cloud (https, or http only for a loopback host)");
			if (origin != null) {
				allowedOrigins.add(origin);
			}
		}
		if (this.problems.size() > problemsBefore || clientId == null || clientSecret == null || tokenUri == null
				|| baseUrl == null) {
			// Each is missing only after a problem: this client's, or egain.auth.api-base-url's, its fallback.
			return null;
		}
		ClientRegistration registration = ClientRegistration.withRegistrationId(name)
			.clientName(name)
			.clientId(clientId.trim())
			.clientSecret(clientSecret.trim())
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.scope(scopes)
			.tokenUri(tokenUri)
			.build();
		return new EgainClient(name, type, tenantId, registration, baseUrl, allowedOrigins);
	}

	/**
	 * The client id or secret from its property or its file: exactly one of them (a blank
	 * one counts as unset), or none when {@code optional} (then empty). Names the file,
	 * never its content.
	 */
	private @Nullable String credential(String property, @Nullable String value, @Nullable String file,
			boolean optional, String action) {
		String fileProperty = property + "-file";
		// Blank means unset, as an unset ${EGAIN_CLIENT_SECRET_FILE:} placeholder gives.
		if (!StringUtils.hasText(file)) {
			if (optional && !StringUtils.hasText(value)) {
				return "";
			}
			return requireText(property, value, action) ? value : null;
		}
		if (StringUtils.hasText(value)) {
			this.problems.add(new Problem(fileProperty, "is set together with " + property
					+ ": the client takes this credential from one of them", "remove one of the two"));
			return null;
		}
		Path path;
		try {
			path = CredentialFiles.path(file);
		}
		catch (IllegalArgumentException | FileSystemNotFoundException ex) {
			this.problems.add(new Problem(fileProperty, "is not a valid file path ('" + file.trim() + "')",
					"set it to the path of the file that holds it, e.g. /var/run/secrets/egain/client-secret"));
			return null;
		}
		String fix = "write the credential into " + path + " (e.g. mount the Secret there), or point "
				+ fileProperty + " to the file that holds it";
		String content;
		try {
			content = CredentialFiles.read(path);
		}
		catch (NoSuchFileException ex) {
			this.problems.add(new Problem(fileProperty, "names a file that does not exist (" + path + ")", fix));
			return null;
		}
		catch (IOException ex) {
			this.problems.add(new Problem(fileProperty,
					"names a file that cannot be read (" + path + ": " + ex.getClass().getSimpleName() + ")",
					"make " + path + " a UTF-8 text file readable by the application, or point " + fileProperty
							+ " to the file that holds it"));
			return null;
		}
		if (content.isEmpty()) {
			this.problems.add(new Problem(fileProperty, "names an empty file (" + path + ")", fix));
			return null;
		}
		return content;
	}

	private boolean hasUnresolvedPlaceholders(String prefix, EgainAuthProperties.Client client) {
		boolean found = unresolved(prefix + "client-id", client.getClientId());
		found |= unresolved(prefix + "client-secret", client.getClientSecret());
		found |= unresolved(prefix + "client-id-file", client.getClientIdFile());
		found |= unresolved(prefix + "client-secret-file", client.getClientSecretFile());
		found |= unresolved(prefix + "token-uri", client.getTokenUri());
		found |= unresolved(prefix + "tenant-id", client.getTenantId());
		found |= unresolved(prefix + "base-url", client.getBaseUrl());
		for (int i = 0; i < client.getScopes().size(); i++) {
			found |= unresolved(prefix + "scopes[" + i + "]", client.getScopes().get(i));
		}
		for (int i = 0; i < client.getAllowedOrigins().size(); i++) {
			found |= unresolved(prefix + "allowed-origins[" + i + "]", client.getAllowedOrigins().get(i));
		}
		return found;
	}

	/**
	 * Report a value that still holds a {@code ${...}} placeholder, which Spring leaves as
	 * it is when nothing defines it. Names the placeholders, never the rest of the value.
	 */
	private boolean unresolved(String property, @Nullable String value) {
		if (value == null) {
			return false;
		}
		Matcher matcher = UNRESOLVED_PLACEHOLDER.matcher(value);
		Set<String> placeholders = new LinkedHashSet<>();
		while (matcher.find()) {
			placeholders.add(matcher.group());
		}
		if (placeholders.isEmpty()) {
			return false;
		}
		String names = String.join(", ", placeholders);
		this.problems.add(new Problem(property, "contains the unresolved placeholder " + names
				+ ": nothing defines it, and its text would be sent to eGain as it is",
				"define " + names.replace("${", "").replace("}", "")
						+ " (an environment variable or property), or give the placeholder a default"));
		return true;
	}

	private Set<String> scopes(String property, EgainClientType type, List<String> configured) {
		Set<String> scopes = new LinkedHashSet<>();
		for (String scope : configured) {
			if (!StringUtils.hasText(scope)) {
				this.problems.add(new Problem(property, "has a blank entry",
						"list the scopes of the eGain client app, e.g. scopes: knowledge.portalmgr.manage"));
				return scopes;
			}
			String trimmed = scope.trim();
			scopes.add(type.scope(trimmed, this.properties.getAnonymousScopePrefix()));
		}
		if (scopes.isEmpty()) {
			this.problems.add(new Problem(property, "is missing: eGain issues no token without scopes",
					"list the scopes assigned to the eGain client app, e.g. scopes: knowledge.portalmgr.manage"));
		}
		return scopes;
	}

	private @Nullable String tokenUri(String property, EgainClientType type, @Nullable String configured,
			@Nullable URI apiBaseUrl) {
		if (configured == null && type.hasDefaultTokenUri()) {
			return (apiBaseUrl != null) ? type.defaultTokenUri(apiBaseUrl) : null;
		}
		if (configured == null) {
			this.problems.add(new Problem(property, "is missing: a client-app needs its token URL",
					"set it to the Token URL of the client app in eGain, e.g. "
							+ "https://ai.egain.cloud/system/auth/TMPRODB88619984-U/oauth2/token"));
			return null;
		}
		URI uri = absoluteUri(property, configured, true,
				"the Token URL of the client app in eGain, e.g. "
						+ "https://ai.egain.cloud/system/auth/TMPRODB88619984-U/oauth2/token");
		return (uri != null) ? configured.trim() : null;
	}

	private @Nullable String tenantId(String property, EgainClientType type, EgainAuthProperties.Client client) {
		// Optional values: blank, as from an unset ${EGAIN_TENANT_ID:} placeholder, means unset.
		if (StringUtils.hasText(client.getTenantId())) {
			return client.getTenantId().trim();
		}
		String fromTokenUri = tenantOf(client.getTokenUri());
		if (fromTokenUri != null) {
			return fromTokenUri;
		}
		if (StringUtils.hasText(this.properties.getTenantId())) {
			return this.properties.getTenantId().trim();
		}
		Set<String> derived = new LinkedHashSet<>();
		for (EgainAuthProperties.Client other : this.properties.getClients().values()) {
			String named = other.getType().tokenUriNamesTenant() ? tenantOf(other.getTokenUri()) : null;
			if (named != null) {
				derived.add(named);
			}
		}
		String tenantId = type.tenantWithoutConfiguration(derived);
		for (EgainClientType.Problem problem : type.tenantProblems(tenantId, derived)) {
			this.problems.add(new Problem(property, problem.problem(), problem.action()));
		}
		return tenantId;
	}

	@Contract("_, null, _ -> false")
	private boolean requireText(String property, @Nullable String value, String action) {
		if (value == null) {
			this.problems.add(new Problem(property, "is missing", action));
			return false;
		}
		if (!StringUtils.hasText(value)) {
			this.problems.add(new Problem(property, "is blank", action));
			return false;
		}
		return true;
	}

	private @Nullable URI absoluteUri(String property, @Nullable String value, boolean pathAllowed, String expected) {
		if (!requireText(property, value, "set it to " + expected)) {
			return null;
		}
		URI uri;
		try {
			uri = new URI(value.trim());
		}
		catch (URISyntaxException ex) {
			this.problems.add(new Problem(property, "is not a valid URI ('" + withoutUserInfo(value) + "')",
					"set it to " + expected));
			return null;
		}
		String scheme = uri.getScheme();
		if (!uri.isAbsolute() || uri.getHost() == null
				|| !("https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme))) {
			this.problems.add(new Problem(property, "is not an absolute http(s) URI ('" + withoutUserInfo(value) + "')",
					"set it to " + expected));
			return null;
		}
		if (uri.getRawUserInfo() != null) {
			this.problems.add(new Problem(property,
					"has user information before its host ('" + withoutUserInfo(value)
							+ "'): it would be logged and sent as a URL",
					"remove it: credentials belong in client-id and client-secret"));
			return null;
		}
		if ("http".equalsIgnoreCase(scheme) && !EgainClient.isLoopbackHost(uri.getHost())) {
			this.problems.add(new Problem(property,
					"uses plain http to " + uri.getHost() + ": credentials and tokens would travel in clear text",
					"use https (plain http is allowed only for localhost, 127.0.0.0/8 addresses and [::1], e.g. a local test server)"));
			return null;
		}
		if (!pathAllowed && StringUtils.hasLength(uri.getRawPath()) && !"/".equals(uri.getRawPath())) {
			this.problems.add(new Problem(property,
					"has a path ('" + withoutUserInfo(value) + "'); an origin is scheme://host[:port]",
					"set it to " + expected));
			return null;
		}
		return uri;
	}

	/**
	 * The given URL text without the credentials it may hold, for a message.
	 * @see EgainClient#withoutCredentials(String)
	 */
	static String withoutUserInfo(String url) {
		return EgainClient.withoutCredentials(url);
	}

}
