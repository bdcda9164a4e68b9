package com.egain.auth.spring.credentials;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The files a client's id or secret may be read from ({@code client-id-file},
 * {@code client-secret-file}).
 */
public final class CredentialFiles {

	private CredentialFiles() {
	}

	/**
	 * The path of a file property's value: a path, or a {@code file:} resource location
	 * ({@code file:/run/secrets/egain} or {@code file:///run/secrets/egain}).
	 * @param location the property's value
	 * @return the path
	 * @throws IllegalArgumentException if the location is no valid path
	 */
	public static Path path(String location) {
		String trimmed = location.trim();
		if (trimmed.startsWith("file://")) {
			return Path.of(URI.create(trimmed));
		}
		return Path.of(trimmed.startsWith("file:") ? trimmed.substring("file:".length()) : trimmed);
	}

	/**
	 * Read a credential from a file: its UTF-8 content without surrounding whitespace
	 * (such as the trailing newline of {@code echo secret > file}).
	 * @param path the file
	 * @return the credential, empty when the file holds nothing else
	 * @throws IOException when the file is missing or cannot be read
	 */
	public static String read(Path path) throws IOException {
		return Files.readString(path, StandardCharsets.UTF_8).strip();
	}

}
