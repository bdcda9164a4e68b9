package com.egain.auth.spring.http;

import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.auth.CredentialsProvider;
import org.apache.hc.client5.http.auth.UsernamePasswordCredentials;
import org.apache.hc.client5.http.impl.auth.BasicCredentialsProvider;
import org.apache.hc.client5.http.impl.routing.DefaultProxyRoutePlanner;
import org.apache.hc.client5.http.routing.HttpRoutePlanner;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.http.client.HttpComponentsClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.reactive.HttpComponentsClientHttpConnectorBuilder;

/**
 * The proxy on Apache HttpClient 5 (classic and async): a route planner through it for
 * every target (loopback hosts included, unless non-proxy-hosts excludes them) and, with
 * credentials, a credentials provider that holds them for the proxy only, which the
 * client answers the proxy's {@code 407} with, in a {@code CONNECT} or a plain-http
 * request. It replaces the JVM's proxy properties that Spring Boot applies.
 */
final class HttpComponentsProxy {

	private HttpComponentsProxy() {
	}

	static HttpComponentsClientHttpRequestFactoryBuilder apply(HttpComponentsClientHttpRequestFactoryBuilder builder,
			EgainProxy proxy) {
		return builder.withHttpClientCustomizer((client) -> client.setRoutePlanner(routePlanner(proxy))
			.setDefaultCredentialsProvider(credentials(proxy)));
	}

	static HttpComponentsClientHttpConnectorBuilder apply(HttpComponentsClientHttpConnectorBuilder builder,
			EgainProxy proxy) {
		return builder.withHttpClientCustomizer((client) -> client.setRoutePlanner(routePlanner(proxy))
			.setDefaultCredentialsProvider(credentials(proxy)));
	}

	private static HttpRoutePlanner routePlanner(EgainProxy proxy) {
		return new DefaultProxyRoutePlanner(new HttpHost(proxy.host(), proxy.port())) {

			@Override
			protected @Nullable HttpHost determineProxy(HttpHost target, HttpContext context) throws HttpException {
				return proxy.appliesTo(target.getHostName()) ? super.determineProxy(target, context) : null;
			}

		};
	}

	private static CredentialsProvider credentials(EgainProxy proxy) {
		BasicCredentialsProvider credentials = new BasicCredentialsProvider();
		String username = proxy.username();
		String password = proxy.password();
		if (username != null && password != null) {
			credentials.setCredentials(new AuthScope(proxy.host(), proxy.port()),
					new UsernamePasswordCredentials(username, password.toCharArray()));
		}
		return credentials;
	}

}
