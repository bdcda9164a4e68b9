package com.egain.auth.spring.http;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpComponentsClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.JdkClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.ReactorClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.http.client.reactive.HttpComponentsClientHttpConnectorBuilder;
import org.springframework.boot.http.client.reactive.JdkClientHttpConnectorBuilder;
import org.springframework.boot.http.client.reactive.ReactorClientHttpConnectorBuilder;

/**
 * Puts the starter's proxy ({@code egain.auth.proxy.*}) on Spring Boot's HTTP client
 * builders, through the customizer of the HTTP library each one builds on: the JDK
 * {@code HttpClient}, Reactor Netty and Apache HttpClient 5. A builder of another library
 * (Jetty, {@code HttpURLConnection}, the application's own kind) cannot take it: the
 * start-up fails, naming the property.

 */
public final class ProxiedHttpClientBuilders {

	private ProxiedHttpClientBuilders() {
	}

	/**
	 * The given request factory builder with the proxy on the clients it builds.
	 * @param builder Spring Boot's builder (the one it detects, or the application's)
	 * @param proxy the proxy, or {@code null} to leave the builder as it is
	 * @return the builder
	 * @throws ProxyNotApplicableException if the builder's library cannot take the
	 * proxy
	 */
	public static ClientHttpRequestFactoryBuilder<?> requestFactoryBuilder(ClientHttpRequestFactoryBuilder<?> builder,
			@Nullable EgainProxy proxy) {
		if (proxy == null) {
			return builder;
		}
		if (builder instanceof JdkClientHttpRequestFactoryBuilder jdk) {
			return JdkHttpClientProxy.apply(jdk, proxy);
		}
		if (builder instanceof ReactorClientHttpRequestFactoryBuilder reactor) {
			return ReactorNettyProxy.apply(reactor, proxy);
		}
		if (builder instanceof HttpComponentsClientHttpRequestFactoryBuilder httpComponents) {
			return HttpComponentsProxy.apply(httpComponents, proxy);
		}
		throw unsupported(builder, "spring.http.clients.imperative.factory");
	}

	/**
	 * The given connector builder with the proxy on the clients it builds.
	 * @param builder Spring Boot's builder (the one it detects, or the application's)
	 * @param proxy the proxy, or {@code null} to leave the builder as it is
	 * @return the builder
	 * @throws ProxyNotApplicableException if the builder's library cannot take the
	 * proxy
	 */
	public static ClientHttpConnectorBuilder<?> connectorBuilder(ClientHttpConnectorBuilder<?> builder,
			@Nullable EgainProxy proxy) {
		if (proxy == null) {
			return builder;
		}
		if (builder instanceof ReactorClientHttpConnectorBuilder reactor) {
			return ReactorNettyProxy.apply(reactor, proxy);
		}
		if (builder instanceof JdkClientHttpConnectorBuilder jdk) {
			return JdkHttpClientProxy.apply(jdk, proxy);
		}
		if (builder instanceof HttpComponentsClientHttpConnectorBuilder httpComponents) {
			return HttpComponentsProxy.apply(httpComponents, proxy);
		}
		throw unsupported(builder, "spring.http.clients.reactive.connector");
	}

	private static ProxyNotApplicableException unsupported(Object builder, String libraryProperty) {
		return new ProxyNotApplicableException("egain.auth.proxy.host",
				"cannot be applied to the HTTP library of the starter's clients (" + builder.getClass().getName()
						+ "): the starter sets a proxy on Reactor Netty, the JDK HttpClient and Apache HttpClient 5",
				"build the clients on one of those (e.g. " + libraryProperty + "=reactor), or remove "
						+ "egain.auth.proxy.host and configure the proxy on the application's own builder");
	}

}
