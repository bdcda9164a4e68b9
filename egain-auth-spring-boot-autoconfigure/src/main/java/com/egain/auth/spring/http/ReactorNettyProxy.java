package com.egain.auth.spring.http;

import java.net.InetSocketAddress;
import java.util.function.UnaryOperator;

import reactor.netty.http.client.HttpClient;
import reactor.netty.transport.ProxyProvider;

import org.springframework.boot.http.client.ReactorClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.reactive.ReactorClientHttpConnectorBuilder;

/**
 * The proxy on a Reactor Netty {@link HttpClient}: {@code CONNECT} through it for every
 * target (loopback hosts included, unless non-proxy-hosts excludes them), with Basic
 * credentials when set. It replaces the JVM's proxy properties that Spring Boot applies.
 */
final class ReactorNettyProxy implements UnaryOperator<HttpClient> {

	private final EgainProxy proxy;

	ReactorNettyProxy(EgainProxy proxy) {
		this.proxy = proxy;
	}

	static ReactorClientHttpRequestFactoryBuilder apply(ReactorClientHttpRequestFactoryBuilder builder,
			EgainProxy proxy) {
		return builder.withHttpClientCustomizer(new ReactorNettyProxy(proxy));
	}

	static ReactorClientHttpConnectorBuilder apply(ReactorClientHttpConnectorBuilder builder, EgainProxy proxy) {
		return builder.withHttpClientCustomizer(new ReactorNettyProxy(proxy));
	}

	@Override
	public HttpClient apply(HttpClient httpClient) {
		EgainProxy proxy = this.proxy;
		return httpClient.proxy((spec) -> {
			ProxyProvider.Builder builder = spec.type(ProxyProvider.Proxy.HTTP)
				.host(proxy.host())
				.port(proxy.port())
				.nonProxyHostsPredicate((address) -> !(address instanceof InetSocketAddress inet)
						|| !proxy.appliesTo(inet.getHostString()));
			String username = proxy.username();
			String password = proxy.password();
			if (username != null && password != null) {
				builder.username(username).password((user) -> password);
			}
		});
	}

}
