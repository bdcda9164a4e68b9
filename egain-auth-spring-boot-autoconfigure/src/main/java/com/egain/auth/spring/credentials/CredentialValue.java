package com.egain.auth.spring.credentials;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

import com.egain.auth.spring.EgainClientSecretSource;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Where one credential of a client (its id or its secret) comes from. Never prints the
 * value.
 */
abstract class CredentialValue {

	private static final Log logger = LogFactory.getLog(ClientCredentials.class);

	/**
	 * Return the current value: read again if it may have changed (always when
	 * {@code force}), or the last value read when it cannot be read now.
	 * @param force whether to read it even when nothing shows a change
	 * @return the value
	 */
	abstract String read(boolean force);

	/**
	 * The kind of source the last value came from: {@code property}, {@code file} or
	 * {@code bean}.
	 */
	abstract String source();

	/**
	 * Replace the value, if it comes from a property.
	 * @param value the property's new value
	 * @return whether it comes from a property
	 */
	boolean setProperty(String value) {
		return false;
	}

	/**
	 * The file the value is read from, or {@code null}.
	 */
	@Nullable Path path() {
		return null;
	}

	/**
	 * A property's value, which Spring Cloud's refresh may replace.
	 */
	static final class Property extends CredentialValue {

		private volatile String value;

		Property(String value) {
			this.value = value;
		}

		@Override
		boolean setProperty(String value) {
			this.value = value;
			return true;
		}

		@Override
		String read(boolean force) {
			return this.value;
		}

		@Override
		String source() {
			return "property";
		}

	}

	/**
	 * A file's content, trimmed. Read again when its last-modified time, size or identity
	 * (e.g. after a Kubernetes Secret volume swapped its symbolic link) changes: one
	 * {@code stat} per check. While the file is missing, unreadable or empty (a writer
	 * between truncating and writing it), the last value stays in use.
	 */
	static final class File extends CredentialValue {

		private final String property;

		private final Path path;

		private volatile @Nullable Stamp stamp;

		private volatile String value;

		private volatile boolean warned;

		File(String property, Path path, String value) {
			this.property = property;
			this.path = path;
			// The value read at start-up, until the file is read (at once, by the first read).
			this.value = value;
		}

		@Override
		String read(boolean force) {
			Stamp stamp = stamp(this.path);
			if (stamp == null || (!force && stamp.equals(this.stamp))) {
				return this.value;
			}
			try {
				String content = CredentialFiles.read(this.path);
				if (content.isEmpty()) {
					warn("is empty");
					return this.value;
				}
				this.stamp = stamp;
				this.value = content;
				this.warned = false;
			}
			catch (IOException ex) {
				warn("cannot be read (" + ex.getClass().getSimpleName() + ")");
			}
			return this.value;
		}

		private void warn(String problem) {
			if (!this.warned) {
				this.warned = true;
				logger.warn("The file of " + this.property + " (" + this.path + ") " + problem
						+ "; the value read before stays in use");
			}
		}

		private static @Nullable Stamp stamp(Path path) {
			try {
				BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
				return new Stamp(attributes.lastModifiedTime().toMillis(), attributes.size(), attributes.fileKey());
			}
			catch (IOException ex) {
				return null;
			}
		}

		@Override
		String source() {
			return "file";
		}

		@Override
		Path path() {
			return this.path;
		}

		private record Stamp(long lastModified, long size, @Nullable Object fileKey) {
		}

	}

	/**
	 * The application's {@link EgainClientSecretSource}, asked at each read; the client's
	 * configured secret when it answers {@code null}.
	 */
	static final class Bean extends CredentialValue {

		private final EgainClientSecretSource source;

		private final String clientName;

		private final @Nullable CredentialValue configured;

		private volatile @Nullable String value;

		private volatile boolean fromBean;

		Bean(EgainClientSecretSource source, String clientName, @Nullable CredentialValue configured) {
			this.source = source;
			this.clientName = clientName;
			this.configured = configured;
		}

		@Override
		String read(boolean force) {
			String secret = this.source.getClientSecret(this.clientName);
			if (secret != null && !secret.isBlank()) {
				this.fromBean = true;
				this.value = secret.strip();
				return secret.strip();
			}
			if (this.configured != null) {
				this.fromBean = false;
				return this.configured.read(force);
			}
			String last = this.value;
			if (last == null) {
				throw new IllegalStateException("The EgainClientSecretSource bean has no client secret for eGain client '"
						+ this.clientName + "', which sets neither client-secret nor client-secret-file");
			}
			return last;
		}

		@Override
		boolean setProperty(String value) {
			return this.configured != null && this.configured.setProperty(value);
		}

		@Override
		String source() {
			return (this.fromBean || this.configured == null) ? "bean" : this.configured.source();
		}

		@Override
		@Nullable Path path() {
			return (this.fromBean || this.configured == null) ? null : this.configured.path();
		}

	}

}
