package com.egain.auth.spring.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * Plain HTTP requests to the test servers, made without the starter: for checking what
 * the servers accept and reject, and for revoking tokens.
 */
final class HttpRequests {

	private static final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private HttpRequests() {
	}

	/**
	 * {@code GET} the given URL, with the given bearer token unless it is {@code null}.
	 * @param url the URL
	 * @param bearerToken the token, or {@code null}
	 * @return the response
	 */
	static HttpResponse<String> get(String url, String bearerToken) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET();
		if (bearerToken != null) {
			request.header(HttpHeaders.AUTHORIZATION, "Bearer " + bearerToken);
		}
		return send(request.build());
	}

	/**
	 * {@code POST} the given form to the given URL, with the given {@code Authorization}
	 * header unless it is {@code null}.
	 * @param url the URL
	 * @param form the form parameters
	 * @param authorization the header value, or {@code null}
	 * @return the response
	 */
	static HttpResponse<String> postForm(String url, Map<String, String> form, String authorization) {
		String body = form.entrySet()
			.stream()
			.map((entry) -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
			.collect(Collectors.joining("&"));
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
			.timeout(Duration.ofSeconds(10))
			.header(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_FORM_URLENCODED_VALUE)
			.header(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON_VALUE)
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (authorization != null) {
			request.header(HttpHeaders.AUTHORIZATION, authorization);
		}
		return send(request.build());
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private static HttpResponse<String> send(HttpRequest request) {
		try {
			return client.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
