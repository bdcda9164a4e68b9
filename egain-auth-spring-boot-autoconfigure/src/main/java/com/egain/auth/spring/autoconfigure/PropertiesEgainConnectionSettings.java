package com.egain.auth.spring.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import com.egain.auth.spring.autoconfigure.InvalidEgainConfigurationException.Problem;
import com.egain.auth.spring.http.EgainConnectionSettings;
import com.egain.auth.spring.http.EgainProxy;
import com.egain.auth.spring.http.ProxyNotApplicableException;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.util.StringUtils;

/**
 * The {@link EgainConnectionSettings} of the starter's properties: the SSL bundle of each
 * client ({@code egain.auth.clients.<name>.ssl-bundle}, else {@code egain.auth.ssl-bundle},
 * else Spring Boot's own setting) and the proxy ({@code egain.auth.proxy.*}). Reports
 * their mistakes as {@link InvalidEgainConfigurationException}s.
 *
 * <p>Internal to the starter's auto-configuration.
 */
public final class PropertiesEgainConnectionSettings implements EgainConnectionSettings {

	private static final String PREFIX = "egain.auth.";

	private final EgainAuthProperties properties;

	private final @Nullable SslBundles sslBundles;

	private final @Nullable EgainProxy proxy;

	/**
	 * Create the settings of the given properties.
	 * @param properties the properties
	 * @param sslBundles Spring Boot's SSL bundles, or {@code null} when there are none
	 */
	public PropertiesEgainConnectionSettings(EgainAuthProperties properties, @Nullable SslBundles sslBundles) {
		this.properties = properties;
		this.sslBundles = sslBundles;
		this.proxy = proxy(properties.getProxy());
	}

	/**
	 * The proxy of the given properties, or {@code null} when none is set.
	 * @param properties the properties
	 * @return the proxy or {@code null}
	 */
	static @Nullable EgainProxy proxy(EgainAuthProperties.Proxy properties) {
		String host = properties.getHost();
		Integer port = properties.getPort();
		if (!StringUtils.hasText(host) || port == null) {
			return null;
		}
		List<String> patterns = new ArrayList<>();
		for (String entry : properties.getNonProxyHosts()) {
			for (String pattern : StringUtils.tokenizeToStringArray(entry, "|")) {
				patterns.add(pattern);
			}
		}
		String username = StringUtils.hasText(properties.getUsername()) ? properties.getUsername().trim() : null;
		return new EgainProxy(host.trim(), port, username, (username != null) ? properties.getPassword() : null,
				List.copyOf(patterns));
	}

	/**
	 * Build an HTTP client component with the proxy, reporting a proxy that its HTTP
	 * library cannot take as a mistake in the configuration, as the other mistakes are.
	 * @param <T> the type of the component
	 * @param building builds the component
	 * @return the component
	 * @throws InvalidEgainConfigurationException naming the proxy property to change
	 */
	public static <T> T withProxyChecked(Supplier<T> building) {
		try {
			return building.get();
		}
		catch (ProxyNotApplicableException ex) {
			throw new InvalidEgainConfigurationException(
					List.of(new Problem(ex.getProperty(), ex.getWrong(), ex.getAction())));
		}
	}

	/**
	 * The proxy of all of the starter's traffic.
	 * @return the proxy, or {@code null} when {@code egain.auth.proxy.host} is not set
	 */
	@Override
	public @Nullable EgainProxy proxy() {
		return this.proxy;
	}

	/**
	 * The name of the SSL bundle of the given client's traffic, when the starter's
	 * properties name one.
	 * @param clientName the client's name, or {@code null} for the default of all clients
	 * @return the bundle's name, or {@code null} to keep Spring Boot's setting
	 */
	@Override
	public @Nullable String sslBundleName(@Nullable String clientName) {
		EgainAuthProperties.Client client = (clientName != null) ? this.properties.getClients().get(clientName) : null;
		if (client != null && StringUtils.hasText(client.getSslBundle())) {
			return client.getSslBundle().trim();
		}
		return StringUtils.hasText(this.properties.getSslBundle()) ? this.properties.getSslBundle().trim() : null;
	}

	/**
	 * The SSL bundle of the given client's traffic, when the starter's properties name one.
	 * @param clientName the client's name, or {@code null} for the default of all clients
	 * @return the bundle, or {@code null} to keep Spring Boot's setting
	 * @throws InvalidEgainConfigurationException if the bundle does not exist
	 */
	@Override
	public @Nullable SslBundle sslBundle(@Nullable String clientName) {
		String name = sslBundleName(clientName);
		if (name == null) {
			return null;
		}
		List<Problem> problems = new ArrayList<>();
		SslBundle bundle = bundle(bundleProperty(clientName), name, problems);
		if (bundle == null) {
			throw new InvalidEgainConfigurationException(problems);
		}
		return bundle;
	}

	private String bundleProperty(@Nullable String clientName) {
		EgainAuthProperties.Client client = (clientName != null) ? this.properties.getClients().get(clientName) : null;
		return (client != null && StringUtils.hasText(client.getSslBundle()))
				? PREFIX + "clients." + clientName + ".ssl-bundle" : PREFIX + "ssl-bundle";
	}

	/**
	 * The mistakes in the SSL bundle and proxy properties.
	 * @return the problems, empty when there are none
	 */
	public List<Problem> problems() {
		List<Problem> problems = new ArrayList<>();
		if (StringUtils.hasText(this.properties.getSslBundle())) {
			bundle(PREFIX + "ssl-bundle", this.properties.getSslBundle().trim(), problems);
		}
		this.properties.getClients().forEach((name, client) -> {
			if (StringUtils.hasText(client.getSslBundle())) {
				bundle(PREFIX + "clients." + name + ".ssl-bundle", client.getSslBundle().trim(), problems);
			}
		});
		proxyProblems(this.properties.getProxy(), problems);
		return problems;
	}

	private @Nullable SslBundle bundle(String property, String name, List<Problem> problems) {
		if (this.sslBundles == null) {
			problems.add(new Problem(property, "names the SSL bundle '" + name + "', but no SSL bundles are configured",
					"define it under spring.ssl.bundle.pem." + name + " (or spring.ssl.bundle.jks." + name + ")"));
			return null;
		}
		try {
			return this.sslBundles.getBundle(name);
		}
		catch (NoSuchSslBundleException ex) {
			List<String> known = this.sslBundles.getBundleNames();
			problems.add(new Problem(property,
					"names the SSL bundle '" + name + "', which does not exist"
							+ (known.isEmpty() ? "" : " (known bundles: " + String.join(", ", known) + ")"),
					"define it under spring.ssl.bundle.pem." + name + " (or spring.ssl.bundle.jks." + name
							+ "), or name one of the known bundles"));
			return null;
		}
	}

	private static void proxyProblems(EgainAuthProperties.Proxy proxy, List<Problem> problems) {
		String prefix = PREFIX + "proxy.";
		String host = proxy.getHost();
		boolean hasHost = StringUtils.hasText(host);
		if (host != null && host.contains("/")) {
			problems.add(new Problem(prefix + "host", "is not a host name ('" + host + "')",
					"set it to the proxy's host name or address only, e.g. proxy.corp.example.com, and the port in "
							+ prefix + "port"));
		}
		if (hasHost && proxy.getPort() == null) {
			problems.add(new Problem(prefix + "port", "is missing: the proxy needs a port",
					"set it to the proxy's port, e.g. 3128"));
		}
		if (proxy.getPort() != null && (proxy.getPort() < 1 || proxy.getPort() > 65535)) {
			problems.add(new Problem(prefix + "port", "is " + proxy.getPort() + ", not a port",
					"set it to the proxy's port, between 1 and 65535"));
		}
		boolean anySet = proxy.getPort() != null || StringUtils.hasText(proxy.getUsername())
				|| proxy.getPassword() != null || !proxy.getNonProxyHosts().isEmpty();
		if (!hasHost && anySet) {
			problems.add(new Problem(prefix + "host", "is missing, while other " + prefix + "* properties are set",
					"set it to the proxy's host name, or remove the other " + prefix + "* properties"));
		}
		if (StringUtils.hasText(proxy.getUsername()) && proxy.getPassword() == null) {
			problems.add(new Problem(prefix + "password", "is missing, while " + prefix + "username is set",
					"set it to the proxy password (e.g. password: ${PROXY_PASSWORD})"));
		}
		if (!StringUtils.hasText(proxy.getUsername()) && proxy.getPassword() != null) {
			problems.add(new Problem(prefix + "username", "is missing, while " + prefix + "password is set",
					"set it to the proxy user name"));
		}
	}

}
