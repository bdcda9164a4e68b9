package com.egain.auth.spring.interop;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Records every request the server receives, as it arrives (before any security filter),
 * with the status it was answered with. A request is recorded before it is handled and
 * its status is captured when it is set, so a test that has its response finds it here.
 */
final class ExchangeRecorder extends OncePerRequestFilter {

	private final List<RecordedExchange> exchanges = new CopyOnWriteArrayList<>();

	/**
	 * Return the recorded exchanges, oldest first.
	 * @return the exchanges
	 */
	List<RecordedExchange> all() {
		return List.copyOf(this.exchanges);
	}

	/**
	 * Return the recorded exchanges with the given path, oldest first.
	 * @param path the request path, without query
	 * @return the exchanges
	 */
	List<RecordedExchange> to(String path) {
		return this.exchanges.stream().filter((exchange) -> exchange.path().equals(path)).toList();
	}

	/**
	 * Forget every recorded exchange.
	 */
	void clear() {
		this.exchanges.clear();
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		RecordedExchange exchange = new RecordedExchange(request.getMethod(), request.getRequestURI(),
				request.getQueryString(), request.getHeader(HttpHeaders.AUTHORIZATION),
				request.getParameter("client_id"), request.getParameter("scope"));
		this.exchanges.add(exchange);
		chain.doFilter(request, new StatusCapturingResponse(response, exchange));
	}

	/**
	 * Registers the recorder ahead of every other filter.
	 */
	@Configuration(proxyBeanMethods = false)
	static class Registration {

		@Bean
		ExchangeRecorder exchangeRecorder() {
			return new ExchangeRecorder();
		}

		@Bean
		FilterRegistrationBean<ExchangeRecorder> exchangeRecorderRegistration(ExchangeRecorder recorder) {
			FilterRegistrationBean<ExchangeRecorder> registration = new FilterRegistrationBean<>(recorder);
			registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
			return registration;
		}

	}

	private static final class StatusCapturingResponse extends HttpServletResponseWrapper {

		private final RecordedExchange exchange;

		StatusCapturingResponse(HttpServletResponse response, RecordedExchange exchange) {
			super(response);
			this.exchange = exchange;
		}

		@Override
		public void setStatus(int status) {
			this.exchange.status = status;
			super.setStatus(status);
		}

		@Override
		public void sendError(int status) throws IOException {
			this.exchange.status = status;
			super.sendError(status);
		}

		@Override
		public void sendError(int status, String message) throws IOException {
			this.exchange.status = status;
			super.sendError(status, message);
		}

	}

}
