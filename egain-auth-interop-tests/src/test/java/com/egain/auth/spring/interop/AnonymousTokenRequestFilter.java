package com.egain.auth.spring.interop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.util.MultiValueMap;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * Guards eGain's anonymous-customer token endpoint: a request whose query does not carry
 * {@code user_type=customer} and {@code domain_hint=<tenant>} is answered with
 * {@code 400 {"error":"invalid_request"}} before it reaches the token endpoint.
 */
final class AnonymousTokenRequestFilter extends OncePerRequestFilter {

	private final String tenant;

	AnonymousTokenRequestFilter(String tenant) {
		this.tenant = tenant;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		MultiValueMap<String, String> query = UriComponentsBuilder
			.fromUriString("?" + ((request.getQueryString() != null) ? request.getQueryString() : ""))
			.build(true)
			.getQueryParams();
		if (!isOnly(query, "user_type", "customer") || !isOnly(query, "domain_hint", this.tenant)) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			response.setContentType(MediaType.APPLICATION_JSON_VALUE);
			response.getOutputStream()
				.write(("{\"error\":\"invalid_request\",\"error_description\":\"the query parameters "
						+ "user_type=customer and domain_hint=<tenant id> are required\"}")
					.getBytes(StandardCharsets.UTF_8));
			return;
		}
		chain.doFilter(request, response);
	}

	private static boolean isOnly(MultiValueMap<String, String> query, String name, String value) {
		return query.get(name) != null && query.get(name).size() == 1
				&& value.equals(UriUtils.decode(query.getFirst(name), StandardCharsets.UTF_8));
	}

}
