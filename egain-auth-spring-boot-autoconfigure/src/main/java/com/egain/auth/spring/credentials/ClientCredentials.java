package com.egain.auth.spring.credentials;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import com.egain.auth.spring.EgainAuthMetrics;
import com.egain.auth.spring.EgainClient;
import com.egain.auth.spring.EgainClientSecretSource;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.client.registration.ClientRegistration;

/**
 * The credentials of one client as they are now. Token requests take the client from
 * {@link #current()}, which reads a changed file again (one {@code stat} per call) and
 * asks the application's {@link EgainClientSecretSource}; while the credentials are
 * unchanged it returns the same {@link EgainClient}, so a change shows as a different
 * instance. A change is logged at INFO (client name and source, never the value) and
 * counted ({@link EgainAuthMetrics#credentialsChanged(String, String)}).
 */
public final class ClientCredentials {

	private static final Log logger = LogFactory.getLog(ClientCredentials.class);

	private static final Duration POLL_INTERVAL = Duration.ofMillis(200);

	private final String name;

	private final CredentialValue clientId;

	private final CredentialValue clientSecret;

	private final Clock clock;

	private final EgainAuthMetrics metrics;

	private volatile Snapshot snapshot;

	private volatile long checkedAt;

	private ClientCredentials(EgainClient client, CredentialValue clientId, CredentialValue clientSecret, Clock clock,
			EgainAuthMetrics metrics) {
		this.name = client.getName();
		this.clientId = clientId;
		this.clientSecret = clientSecret;
		this.clock = clock;
		this.metrics = metrics;
		String id = clientId.read(false);
		String secret = clientSecret.read(false);
		this.snapshot = new Snapshot(withCredentials(client, id, secret), id, secret, clock.instant());
		this.checkedAt = clock.millis();
	}

	/**
	 * Start the credentials of the given client, which take its client id and secret from
	 * its registration unless the builder names another source.
	 * @param client the client as configured
	 * @return a builder
	 */
	public static Builder of(EgainClient client) {
		return new Builder(client);
	}

	/**
	 * The client with its current credentials, read again where they may have changed.
	 * Called once per token request.
	 * @return the client, the same instance while its credentials are unchanged
	 */
	public EgainClient current() {
		return check(false);
	}

	/**
	 * The client with its current credentials, every file read again whatever its
	 * last-modified time says: after the token endpoint refused the credentials.
	 * @return the client
	 */
	public EgainClient recheck() {
		return check(true);
	}

	/**
	 * The client with its current credentials, checked at most every 200 ms: for calls
	 * that wait out a failed token request's backoff, so that a changed secret ends it.
	 * @return the client
	 */
	public EgainClient poll() {
		return (this.clock.millis() - this.checkedAt < POLL_INTERVAL.toMillis()) ? this.snapshot.client
				: check(false);
	}

	/**
	 * The client with the credentials last read, without reading them.
	 * @return the client
	 */
	public EgainClient latest() {
		return this.snapshot.client;
	}

	/**
	 * Replace the client id or secret that come from a property (Spring Cloud's refresh
	 * changed it); the next token request uses it.
	 * @param secret whether the value is the client secret (else the client id)
	 * @param value the new value
	 * @return whether that credential comes from a property; {@code false} leaves it as
	 * it is
	 */
	public boolean setProperty(boolean secret, String value) {
		CredentialValue credential = secret ? this.clientSecret : this.clientId;
		return credential.setProperty(value.strip());
	}

	/**
	 * Where the secret comes from and when it last changed, for the {@code egainauth}
	 * endpoint: {@code source} ({@code property}, {@code file} or {@code bean}), the
	 * {@code path} of a file, and {@code changedAt}, the time the secret in use was first
	 * read. Never the secret.
	 * @return the details
	 */
	public Map<String, Object> describeSecret() {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("source", this.clientSecret.source());
		Path path = this.clientSecret.path();
		if (path != null) {
			details.put("path", path.toString());
		}
		details.put("changedAt", this.snapshot.changedAt.toString());
		return details;
	}

	private EgainClient check(boolean force) {
		this.checkedAt = this.clock.millis();
		String id = this.clientId.read(force);
		String secret = this.clientSecret.read(force);
		Snapshot snapshot = this.snapshot;
		if (snapshot.matches(id, secret)) {
			return snapshot.client;
		}
		synchronized (this) {
			snapshot = this.snapshot;
			if (snapshot.matches(id, secret)) {
				return snapshot.client;
			}
			boolean idChanged = !snapshot.clientId.equals(id);
			boolean secretChanged = !snapshot.clientSecret.equals(secret);
			Snapshot changed = new Snapshot(withCredentials(snapshot.client, id, secret), id, secret,
					this.clock.instant());
			this.snapshot = changed;
			String source = (secretChanged ? this.clientSecret : this.clientId).source();
			Path path = (secretChanged ? this.clientSecret : this.clientId).path();
			logger.info("eGain client '" + this.name + "': "
					+ ((idChanged && secretChanged) ? "client id and secret" : secretChanged ? "client secret" : "client id")
					+ " changed (source: " + source + ((path != null) ? " " + path : "")
					+ "); the next token request uses it");
			this.metrics.credentialsChanged(this.name, source);
			return changed.client;
		}
	}

	private static EgainClient withCredentials(EgainClient client, String clientId, String clientSecret) {
		ClientRegistration registration = client.getRegistration();
		if (registration.getClientId().equals(clientId) && registration.getClientSecret().equals(clientSecret)) {
			return client;
		}
		ClientRegistration changed = ClientRegistration.withClientRegistration(registration)
			.clientId(clientId)
			.clientSecret(clientSecret)
			.build();
		return new EgainClient(client.getName(), client.getType(), client.getTenantId(), changed, client.getBaseUrl(),
				client.getAllowedOrigins());
	}

	@Override
	public String toString() {
		return "ClientCredentials[client=" + this.name + ", secret source=" + this.clientSecret.source() + "]";
	}

	/**
	 * The credentials in use; no {@code toString()} that could print them.
	 */
	private static final class Snapshot {

		final EgainClient client;

		final String clientId;

		final String clientSecret;

		final Instant changedAt;

		Snapshot(EgainClient client, String clientId, String clientSecret, Instant changedAt) {
			this.client = client;
			this.clientId = clientId;
			this.clientSecret = clientSecret;
			this.changedAt = changedAt;
		}

		boolean matches(String clientId, String clientSecret) {
			return this.clientId.equals(clientId) && this.clientSecret.equals(clientSecret);
		}

	}

	/**
	 * Builds the credentials of one client.
	 */
	public static final class Builder {

		private final EgainClient client;

		private CredentialValue clientId;

		private CredentialValue clientSecret;

		private @Nullable EgainClientSecretSource secretSource;

		private Clock clock = Clock.systemUTC();

		private EgainAuthMetrics metrics = EgainAuthMetrics.NONE;

		private Builder(EgainClient client) {
			this.client = client;
			this.clientId = new CredentialValue.Property(client.getRegistration().getClientId());
			this.clientSecret = new CredentialValue.Property(client.getRegistration().getClientSecret());
		}

		/**
		 * Read the client id from a file, again whenever it changes.
		 * @param property the property that names the file, for messages
		 * @param path the file
		 * @return this builder
		 */
		public Builder clientIdFile(String property, Path path) {
			this.clientId = new CredentialValue.File(property, path, this.client.getRegistration().getClientId());
			return this;
		}

		/**
		 * Read the client secret from a file, again whenever it changes.
		 * @param property the property that names the file, for messages
		 * @param path the file
		 * @return this builder
		 */
		public Builder clientSecretFile(String property, Path path) {
			this.clientSecret = new CredentialValue.File(property, path,
					this.client.getRegistration().getClientSecret());
			return this;
		}

		/**
		 * Ask the application's source for the secret first; the secret of the
		 * registration or file applies when it has none (a client without either needs
		 * the source to answer).
		 * @param secretSource the source
		 * @return this builder
		 */
		public Builder secretSource(EgainClientSecretSource secretSource) {
			this.secretSource = secretSource;
			return this;
		}

		public Builder clock(Clock clock) {
			this.clock = clock;
			return this;
		}

		public Builder metrics(EgainAuthMetrics metrics) {
			this.metrics = metrics;
			return this;
		}

		public ClientCredentials build() {
			CredentialValue secret = this.clientSecret;
			if (this.secretSource != null) {
				boolean configured = secret instanceof CredentialValue.File
						|| !this.client.getRegistration().getClientSecret().isEmpty();
				secret = new CredentialValue.Bean(this.secretSource, this.client.getName(), configured ? secret : null);
			}
			return new ClientCredentials(this.client, this.clientId, secret, this.clock, this.metrics);
		}

	}

}
