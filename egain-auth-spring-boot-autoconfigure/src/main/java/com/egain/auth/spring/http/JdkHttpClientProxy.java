package com.egain.auth.spring.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.JdkClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.http.client.reactive.JdkClientHttpConnectorBuilder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.ClientHttpRequest;
import org.springframework.http.client.reactive.ClientHttpResponse;

/**
 * The proxy on a JDK {@link HttpClient}: a {@link ProxySelector} of this client only
 * (loopback hosts included, unless non-proxy-hosts excludes them) and, with credentials,
 * a preemptive Basic {@code Proxy-Authorization} header on each request that goes
 * through the proxy. The JDK sends that header to the proxy only (in the {@code CONNECT}
 * of an https target, or with a plain-http request), never to a server it reaches
 * directly or through a tunnel. Nothing JVM-wide is changed.
 *
 * <p>Not a {@link java.net.Authenticator}: with one, the JDK client drops the
 * {@code Authorization} header its caller sets, the bearer token included.
 *
 * <p>The JDK client sends Basic credentials in a {@code CONNECT} only when
 * {@code jdk.http.auth.tunneling.disabledSchemes} does not list Basic, which it does by
 * default (the JDK's {@code conf/net.properties}), and it reads the setting once, when its
 * classes load: the application must start the JVM with
 * {@code -Djdk.http.auth.tunneling.disabledSchemes=} for that. {@link #check()} says so
 * at start-up.
 */
final class JdkHttpClientProxy implements Consumer<HttpClient.Builder> {

	static final String TUNNELING_DISABLED_SCHEMES = "jdk.http.auth.tunneling.disabledSchemes";

	private final EgainProxy proxy;

	JdkHttpClientProxy(EgainProxy proxy) {
		this.proxy = proxy;
	}

	/**
	 * The given builder with the proxy on its clients.
	 * @throws ProxyNotApplicableException if the JDK would not send the proxy
	 * credentials for https targets
	 */
	static ClientHttpRequestFactoryBuilder<?> apply(JdkClientHttpRequestFactoryBuilder builder, EgainProxy proxy) {
		JdkHttpClientProxy customizer = new JdkHttpClientProxy(proxy);
		customizer.check();
		JdkClientHttpRequestFactoryBuilder proxied = builder.withHttpClientCustomizer(customizer);
		String authorization = customizer.authorization();
		if (authorization == null) {
			return proxied;
		}
		return (settings) -> new ProxyAuthorizingRequestFactory(proxied.build(settings), proxy, authorization);
	}

	/**
	 * The given builder with the proxy on its clients.
	 * @throws ProxyNotApplicableException if the JDK would not send the proxy
	 * credentials for https targets
	 */
	static ClientHttpConnectorBuilder<?> apply(JdkClientHttpConnectorBuilder builder, EgainProxy proxy) {
		JdkHttpClientProxy customizer = new JdkHttpClientProxy(proxy);
		customizer.check();
		JdkClientHttpConnectorBuilder proxied = builder.withHttpClientCustomizer(customizer);
		String authorization = customizer.authorization();
		if (authorization == null) {
			return proxied;
		}
		return (settings) -> new ProxyAuthorizingConnector(proxied.build(settings), proxy, authorization);
	}

	@Override
	public void accept(HttpClient.Builder builder) {
		builder.proxy(new Selector(this.proxy));
	}

	private @Nullable String authorization() {
		String username = this.proxy.username();
		String password = this.proxy.password();
		if (username == null || password == null) {
			return null;
		}
		return "Basic "
				+ Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Fail when the proxy asks for credentials that the JDK client would not send to it for
	 * https targets.
	 * @throws ProxyNotApplicableException naming the JVM setting to change
	 */
	void check() {
		if (this.proxy.hasCredentials() && basicTunnelingDisabled(tunnelingDisabledSchemes())) {
			throw new ProxyNotApplicableException("egain.auth.proxy.username",
					"cannot be sent to the proxy by the JDK HttpClient (the HTTP library in use) for https targets: "
							+ "the JVM's " + TUNNELING_DISABLED_SCHEMES + " lists Basic, as the JDK does by default",
					"start the JVM with -D" + TUNNELING_DISABLED_SCHEMES + "= (e.g. in JAVA_TOOL_OPTIONS), or build "
							+ "the clients on Reactor Netty (spring.http.clients.imperative.factory=reactor, "
							+ "spring.http.clients.reactive.connector=reactor)");
		}
	}

	static boolean basicTunnelingDisabled(@Nullable String disabledSchemes) {
		if (disabledSchemes == null) {
			return false;
		}
		return Arrays.stream(disabledSchemes.split(","))
			.map((scheme) -> scheme.trim().toLowerCase(Locale.ROOT))
			.anyMatch("basic"::equals);
	}

	/**
	 * The value in force: the system property, else the JDK's {@code conf/net.properties}.
	 */
	static @Nullable String tunnelingDisabledSchemes() {
		String value = System.getProperty(TUNNELING_DISABLED_SCHEMES);
		if (value != null) {
			return value;
		}
		Path netProperties = Path.of(System.getProperty("java.home"), "conf", "net.properties");
		Properties properties = new Properties();
		try (InputStream in = Files.newInputStream(netProperties)) {
			properties.load(in);
		}
		catch (IOException ex) {
			return null;
		}
		return properties.getProperty(TUNNELING_DISABLED_SCHEMES);
	}

	private static final class Selector extends ProxySelector {

		private final EgainProxy proxy;

		private final List<Proxy> viaProxy;

		Selector(EgainProxy proxy) {
			this.proxy = proxy;
			this.viaProxy = List
				.of(new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(proxy.host(), proxy.port())));
		}

		@Override
		public List<Proxy> select(URI uri) {
			return this.proxy.appliesTo(uri.getHost()) ? this.viaProxy : List.of(Proxy.NO_PROXY);
		}

		@Override
		public void connectFailed(URI uri, SocketAddress address, IOException ex) {
		}

	}

	/**
	 * Adds the proxy credentials to each request that goes through the proxy.
	 */
	private static final class ProxyAuthorizingRequestFactory implements ClientHttpRequestFactory {

		private final ClientHttpRequestFactory delegate;

		private final EgainProxy proxy;

		private final String authorization;

		ProxyAuthorizingRequestFactory(ClientHttpRequestFactory delegate, EgainProxy proxy, String authorization) {
			this.delegate = delegate;
			this.proxy = proxy;
			this.authorization = authorization;
		}

		@Override
		public org.springframework.http.client.ClientHttpRequest createRequest(URI uri, HttpMethod httpMethod)
				throws IOException {
			org.springframework.http.client.ClientHttpRequest request = this.delegate.createRequest(uri, httpMethod);
			if (this.proxy.appliesTo(uri.getHost())) {
				request.getHeaders().set(HttpHeaders.PROXY_AUTHORIZATION, this.authorization);
			}
			return request;
		}

		@Override
		public String toString() {
			return "ProxyAuthorizingRequestFactory[" + this.proxy.address() + ", " + this.delegate + "]";
		}

	}

	/**
	 * Adds the proxy credentials to each request that goes through the proxy.
	 */
	private static final class ProxyAuthorizingConnector implements ClientHttpConnector {

		private final ClientHttpConnector delegate;

		private final EgainProxy proxy;

		private final String authorization;

		ProxyAuthorizingConnector(ClientHttpConnector delegate, EgainProxy proxy, String authorization) {
			this.delegate = delegate;
			this.proxy = proxy;
			this.authorization = authorization;
		}

		@Override
		public Mono<ClientHttpResponse> connect(HttpMethod method, URI uri,
				Function<? super ClientHttpRequest, Mono<Void>> requestCallback) {
			if (!this.proxy.appliesTo(uri.getHost())) {
				return this.delegate.connect(method, uri, requestCallback);
			}
			return this.delegate.connect(method, uri, (request) -> {
				request.getHeaders().set(HttpHeaders.PROXY_AUTHORIZATION, this.authorization);
				return requestCallback.apply(request);
			});
		}

		@Override
		public String toString() {
			return "ProxyAuthorizingConnector[" + this.proxy.address() + ", " + this.delegate + "]";
		}

	}

}
