package com.egain.auth.spring;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Decodes an {@code application/x-www-form-urlencoded} body as a server would.
 */
public final class FormBody {

	private FormBody() {
	}

	public static Map<String, String> parse(String body) {
		Map<String, String> fields = new LinkedHashMap<>();
		for (String pair : body.split("&")) {
			int equals = pair.indexOf('=');
			String name = URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8);
			String value = URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
			if (fields.put(name, value) != null) {
				throw new IllegalStateException("Form field '" + name + "' sent twice");
			}
		}
		return fields;
	}

}
