package com.egain.auth.spring.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.egain.auth.spring.EgainClientType;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration properties for eGain client-credentials clients, bound from {@code egain.auth.*}.
 *
 */
@ConfigurationProperties(prefix = "egain.auth")
public class EgainAuthProperties {

	/**
	 * Default base URL of eGain's APIs.
	 */
	public static final String DEFAULT_API_BASE_URL = "https://api.ai.egain.cloud";

	/**
	 * Default prefix of anonymous-customer scopes.
	 */
	public static final String DEFAULT_ANONYMOUS_SCOPE_PREFIX = "https://api.ai.egain.cloud/auth/";

	/**
	 * Whether to enable the eGain clients. When false, the starter defines no beans at all.
	 */
	private boolean enabled = true;

	/**
	 * Base URL of eGain's APIs: base of the anonymous-customer token endpoint and default
	 * base URL of every client (its WebClient, RestClient and HTTP service group).
	 */
	private String apiBaseUrl = DEFAULT_API_BASE_URL;

	/**
	 * Prefix added to every anonymous-customer scope that does not already start with
	 * "https://". An identifier, not an address: it does not follow api-base-url.
	 */
	private String anonymousScopePrefix = DEFAULT_ANONYMOUS_SCOPE_PREFIX;

	/**
	 * Default eGain tenant id (e.g. TMPRODB88619984) for clients that set none and whose
	 * tenant cannot be derived from their token URI.
	 */
	private @Nullable String tenantId;

	/**
	 * Time before a token's expiry at which it is refreshed in the background. Never more
	 * than half of the token's lifetime.
	 */
	private Duration refreshMargin = Duration.ofSeconds(60);

	/**
	 * Lifetime assumed for a token whose response carries no expires_in.
	 */
	private Duration defaultTokenLifetime = Duration.ofMinutes(5);

	/**
	 * How long a client stops renewing tokens after an API rejected (HTTP 401) a token
	 * that had just replaced a rejected one. Meanwhile the API's 401 answers are returned
	 * as they are, without token requests. Used by the starter's EgainTokenRejectionHandler.
	 */
	private Duration rejectedTokenCooldown = Duration.ofSeconds(30);

	/**
	 * Settings of the HTTP calls to the token endpoints.
	 */
	private final TokenEndpoint tokenEndpoint = new TokenEndpoint();

	/**
	 * Settings of the egainAuth health contributor.
	 */
	private final Health health = new Health();

	/**
	 * Where tokens are kept between requests.
	 */
	private final TokenStore tokenStore = new TokenStore();

	/**
	 * eGain clients by name. The name is the qualifier of the client's WebClient and
	 * RestClient, its registration id, and the HTTP service group it serves.
	 */
	private final Map<String, Client> clients = new LinkedHashMap<>();

	/**
	 * Name of a Spring Boot SSL bundle (spring.ssl.bundle.*) for all of the starter's
	 * traffic: token requests and the clients' WebClients, RestClients and HTTP service
	 * groups. Overrides spring.http.clients.ssl.bundle for them; a client's own ssl-bundle
	 * overrides it.
	 */
	private @Nullable String sslBundle;

	/**
	 * HTTP proxy for every token request and every call through the starter's clients.
	 * Without a host, the JVM's standard proxy properties (https.proxyHost, ...) apply as
	 * the HTTP library defines them.
	 */
	private final Proxy proxy = new Proxy();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getApiBaseUrl() {
		return this.apiBaseUrl;
	}

	public void setApiBaseUrl(String apiBaseUrl) {
		this.apiBaseUrl = apiBaseUrl;
	}

	public String getAnonymousScopePrefix() {
		return this.anonymousScopePrefix;
	}

	public void setAnonymousScopePrefix(String anonymousScopePrefix) {
		this.anonymousScopePrefix = anonymousScopePrefix;
	}

	public @Nullable String getTenantId() {
		return this.tenantId;
	}

	public void setTenantId(@Nullable String tenantId) {
		this.tenantId = tenantId;
	}

	public Duration getRefreshMargin() {
		return this.refreshMargin;
	}

	public void setRefreshMargin(Duration refreshMargin) {
		this.refreshMargin = refreshMargin;
	}

	public Duration getDefaultTokenLifetime() {
		return this.defaultTokenLifetime;
	}

	public void setDefaultTokenLifetime(Duration defaultTokenLifetime) {
		this.defaultTokenLifetime = defaultTokenLifetime;
	}

	public Duration getRejectedTokenCooldown() {
		return this.rejectedTokenCooldown;
	}

	public void setRejectedTokenCooldown(Duration rejectedTokenCooldown) {
		this.rejectedTokenCooldown = rejectedTokenCooldown;
	}

	public TokenEndpoint getTokenEndpoint() {
		return this.tokenEndpoint;
	}

	public Map<String, Client> getClients() {
		return this.clients;
	}

	public Health getHealth() {
		return this.health;
	}

	public TokenStore getTokenStore() {
		return this.tokenStore;
	}

	public @Nullable String getSslBundle() {
		return this.sslBundle;
	}

	public void setSslBundle(@Nullable String sslBundle) {
		this.sslBundle = sslBundle;
	}

	public Proxy getProxy() {
		return this.proxy;
	}

	/**
	 * HTTP proxy for the starter's traffic.
	 */
	public static class Proxy {

		/**
		 * Host of the HTTP proxy. When set, every token request and every call through
		 * the starter's clients goes through the proxy (CONNECT for https targets),
		 * loopback hosts included unless non-proxy-hosts excludes them.
		 */
		private @Nullable String host;

		/**
		 * Port of the HTTP proxy.
		 */
		private @Nullable Integer port;

		/**
		 * User name for Basic authentication at the proxy.
		 */
		private @Nullable String username;

		/**
		 * Password for Basic authentication at the proxy. Masked like the client secrets
		 * in every log line, message and Actuator output.
		 */
		private @Nullable String password;

		/**
		 * Hosts reached without the proxy, as the JVM's http.nonProxyHosts: patterns
		 * separated by '|' (or a list), each a host name or address with an optional '*'
		 * at its start or end, e.g. localhost|*.corp.example.com.
		 */
		private List<String> nonProxyHosts = new ArrayList<>();

		public @Nullable String getHost() {
			return this.host;
		}

		public void setHost(@Nullable String host) {
			this.host = host;
		}

		public @Nullable Integer getPort() {
			return this.port;
		}

		public void setPort(@Nullable Integer port) {
			this.port = port;
		}

		public @Nullable String getUsername() {
			return this.username;
		}

		public void setUsername(@Nullable String username) {
			this.username = username;
		}

		public @Nullable String getPassword() {
			return this.password;
		}

		public void setPassword(@Nullable String password) {
			this.password = password;
		}

		public List<String> getNonProxyHosts() {
			return this.nonProxyHosts;
		}

		public void setNonProxyHosts(List<String> nonProxyHosts) {
			this.nonProxyHosts = nonProxyHosts;
		}

	}

	/**
	 * Where tokens are kept between requests.
	 */
	public static class TokenStore {

		/**
		 * Type of the token store: in-memory (each instance requests and keeps its own
		 * tokens) or redis (all instances of the application share one token per client
		 * through the application's Spring Data Redis connection, spring.data.redis.*, with
		 * at most one token request per client in flight across them).
		 */
		private Type type = Type.IN_MEMORY;

		/**
		 * Settings of the Redis token store.
		 */
		private final Redis redis = new Redis();

		public Type getType() {
			return this.type;
		}

		public void setType(Type type) {
			this.type = type;
		}

		public Redis getRedis() {
			return this.redis;
		}

		/**
		 * Types of token store.
		 */
		public enum Type {

			/**
			 * Tokens kept in this instance's memory.
			 */
			IN_MEMORY,

			/**
			 * Tokens shared by all instances through Redis, sealed with a key derived from
			 * the client secret.
			 */
			REDIS

		}

		/**
		 * Settings of the Redis token store.
		 */
		public static class Redis {

			/**
			 * Prefix of the token store's Redis keys.
			 */
			private String keyPrefix = "egain:auth:";

			/**
			 * Time limit of each Redis command of the token store. When Redis fails or does
			 * not answer within it, the instance requests its own token, and tokens are
			 * shared again once Redis answers.
			 */
			private Duration timeout = Duration.ofSeconds(1);

			/**
			 * Longest time an instance waits for the token another instance is requesting
			 * before it requests its own (never longer than that token request may take).
			 * The instance holding the fleet lock keeps it no longer than this either, and
			 * background refreshes wait no longer, so that an instance whose token request
			 * hangs cannot stall the others.
			 */
			private Duration maxWait = Duration.ofSeconds(5);

			public String getKeyPrefix() {
				return this.keyPrefix;
			}

			public void setKeyPrefix(String keyPrefix) {
				this.keyPrefix = keyPrefix;
			}

			public Duration getTimeout() {
				return this.timeout;
			}

			public void setTimeout(Duration timeout) {
				this.timeout = timeout;
			}

			public Duration getMaxWait() {
				return this.maxWait;
			}

			public void setMaxWait(Duration maxWait) {
				this.maxWait = maxWait;
			}

		}

	}

	/**
	 * Settings of the egainAuth health contributor.
	 */
	public static class Health {

		/**
		 * Whether a health check of a client that holds no valid token requests one. By
		 * default health only reports the state of the token cache, so that probes never
		 * reach the token endpoint.
		 */
		private boolean activeCheck;

		public boolean isActiveCheck() {
			return this.activeCheck;
		}

		public void setActiveCheck(boolean activeCheck) {
			this.activeCheck = activeCheck;
		}

	}

	/**
	 * One eGain client.
	 */
	public static class Client {

		/**
		 * Flow used to obtain tokens: client-app or anonymous-customer.
		 */
		private EgainClientType type = EgainClientType.CLIENT_APP;

		/**
		 * Token URL. Required for client-app (the client app's Token URL in eGain, e.g.
		 * https://ai.egain.cloud/system/auth/TMPRODB88619984-U/oauth2/token); an optional
		 * override for anonymous-customer.
		 */
		private @Nullable String tokenUri;

		/**
		 * eGain tenant id, sent as domain_hint by an anonymous-customer client. Required
		 * for anonymous-customer unless its token-uri names it, egain.auth.tenant-id is
		 * set, or the client-app clients' token URIs all name the same tenant.
		 */
		private @Nullable String tenantId;

		/**
		 * Client id of the eGain client application.
		 */
		private @Nullable String clientId;

		/**
		 * Client secret of the eGain client application.
		 */
		private @Nullable String clientSecret;

		/**
		 * File whose content (without surrounding whitespace) is the client id, instead of
		 * client-id: a path or a file: location. Read again when it changes, so a new
		 * client id is used from the next token request on.
		 */
		private @Nullable String clientIdFile;

		/**
		 * File whose content (without surrounding whitespace) is the client secret,
		 * instead of client-secret: a path or a file: location, e.g. a mounted Kubernetes
		 * Secret. Read again when it changes (checked at each token request), so a rotated
		 * secret is used from the next token request on, without a restart.
		 */
		private @Nullable String clientSecretFile;

		/**
		 * Scopes to request (YAML list or comma-separated). Anonymous-customer scopes get
		 * the anonymous scope prefix unless they already start with "https://".
		 */
		private List<String> scopes = new ArrayList<>();

		/**
		 * Base URL of the client's WebClient, RestClient (and their builders) and HTTP
		 * service group; its origin may receive the token. Defaults to
		 * egain.auth.api-base-url.
		 */
		private @Nullable String baseUrl;

		/**
		 * Further origins (scheme://host[:port]) that may receive this client's token,
		 * besides the origin of base-url.
		 */
		private List<String> allowedOrigins = new ArrayList<>();

		/**
		 * Name of a Spring Boot SSL bundle for this client's token requests and calls.
		 * Overrides egain.auth.ssl-bundle and spring.http.clients.ssl.bundle.
		 */
		private @Nullable String sslBundle;

		public EgainClientType getType() {
			return this.type;
		}

		public void setType(EgainClientType type) {
			this.type = type;
		}

		public @Nullable String getTokenUri() {
			return this.tokenUri;
		}

		public void setTokenUri(@Nullable String tokenUri) {
			this.tokenUri = tokenUri;
		}

		public @Nullable String getTenantId() {
			return this.tenantId;
		}

		public void setTenantId(@Nullable String tenantId) {
			this.tenantId = tenantId;
		}

		public @Nullable String getClientId() {
			return this.clientId;
		}

		public void setClientId(@Nullable String clientId) {
			this.clientId = clientId;
		}

		public @Nullable String getClientSecret() {
			return this.clientSecret;
		}

		public void setClientSecret(@Nullable String clientSecret) {
			this.clientSecret = clientSecret;
		}

		public @Nullable String getClientIdFile() {
			return this.clientIdFile;
		}

		public void setClientIdFile(@Nullable String clientIdFile) {
			this.clientIdFile = clientIdFile;
		}

		public @Nullable String getClientSecretFile() {
			return this.clientSecretFile;
		}

		public void setClientSecretFile(@Nullable String clientSecretFile) {
			this.clientSecretFile = clientSecretFile;
		}

		public List<String> getScopes() {
			return this.scopes;
		}

		public void setScopes(List<String> scopes) {
			this.scopes = scopes;
		}

		public @Nullable String getBaseUrl() {
			return this.baseUrl;
		}

		public void setBaseUrl(@Nullable String baseUrl) {
			this.baseUrl = baseUrl;
		}

		public List<String> getAllowedOrigins() {
			return this.allowedOrigins;
		}

		public void setAllowedOrigins(List<String> allowedOrigins) {
			this.allowedOrigins = allowedOrigins;
		}

		public @Nullable String getSslBundle() {
			return this.sslBundle;
		}

		public void setSslBundle(@Nullable String sslBundle) {
			this.sslBundle = sslBundle;
		}

	}

	/**
	 * Settings of the HTTP calls to the token endpoints.
	 */
	public static class TokenEndpoint {

		/**
		 * Time limit for connecting to a token endpoint.
		 */
		private Duration connectTimeout = Duration.ofSeconds(5);

		/**
		 * Time limit for a token endpoint's response, once the request is sent.
		 */
		private Duration responseTimeout = Duration.ofSeconds(10);

		/**
		 * Attempts per token request, first try included. Only transient failures are
		 * retried: 429 and 5xx responses, refused, reset or closed connections and connect
		 * timeouts; response timeouts, unknown hosts, TLS failures, unusable responses and
		 * other 4xx responses are not.
		 */
		private int maxAttempts = 3;

		/**
		 * Delay before the first retry; it doubles on every further retry, with jitter.
		 */
		private Duration backoff = Duration.ofMillis(500);

		/**
		 * Longest delay between two attempts. A 429 or 5xx response whose Retry-After asks
		 * for more is not retried: the request fails at once.
		 */
		private Duration maxBackoff = Duration.ofSeconds(5);

		/**
		 * Largest token endpoint response body that is read.
		 */
		private DataSize maxResponseSize = DataSize.ofKilobytes(64);

		/**
		 * Wait after a failed token request (all its attempts) before the client makes
		 * the next one; meanwhile its calls fail at once with that request's error. It
		 * doubles with each further failure in a row, with jitter.
		 */
		private Duration failureBackoff = Duration.ofSeconds(1);

		/**
		 * Longest wait after failed token requests other than credential errors (5xx, 429,
		 * timeouts, an unreachable endpoint, an unusable response, other 4xx errors).
		 */
		private Duration maxFailureBackoff = Duration.ofSeconds(15);

		/**
		 * Nominal wait after a token request refused with HTTP 401, invalid_client,
		 * unauthorized_client or invalid_scope, which no retry mends; with jitter, each
		 * wait is between half and all of it.
		 */
		private Duration credentialFailureBackoff = Duration.ofSeconds(60);

		/**
		 * Longest wait a token endpoint may ask for with Retry-After on a 429 or 503: the
		 * client makes no token request before the time asked for, up to this, whatever
		 * max-failure-backoff says.
		 */
		private Duration maxRetryAfter = Duration.ofMinutes(10);

		public Duration getConnectTimeout() {
			return this.connectTimeout;
		}

		public void setConnectTimeout(Duration connectTimeout) {
			this.connectTimeout = connectTimeout;
		}

		public Duration getResponseTimeout() {
			return this.responseTimeout;
		}

		public void setResponseTimeout(Duration responseTimeout) {
			this.responseTimeout = responseTimeout;
		}

		public int getMaxAttempts() {
			return this.maxAttempts;
		}

		public void setMaxAttempts(int maxAttempts) {
			this.maxAttempts = maxAttempts;
		}

		public Duration getBackoff() {
			return this.backoff;
		}

		public void setBackoff(Duration backoff) {
			this.backoff = backoff;
		}

		public Duration getMaxBackoff() {
			return this.maxBackoff;
		}

		public void setMaxBackoff(Duration maxBackoff) {
			this.maxBackoff = maxBackoff;
		}

		public Duration getFailureBackoff() {
			return this.failureBackoff;
		}

		public void setFailureBackoff(Duration failureBackoff) {
			this.failureBackoff = failureBackoff;
		}

		public Duration getMaxFailureBackoff() {
			return this.maxFailureBackoff;
		}

		public void setMaxFailureBackoff(Duration maxFailureBackoff) {
			this.maxFailureBackoff = maxFailureBackoff;
		}

		public Duration getCredentialFailureBackoff() {
			return this.credentialFailureBackoff;
		}

		public void setCredentialFailureBackoff(Duration credentialFailureBackoff) {
			this.credentialFailureBackoff = credentialFailureBackoff;
		}

		public Duration getMaxRetryAfter() {
			return this.maxRetryAfter;
		}

		public void setMaxRetryAfter(Duration maxRetryAfter) {
			this.maxRetryAfter = maxRetryAfter;
		}

		public DataSize getMaxResponseSize() {
			return this.maxResponseSize;
		}

		public void setMaxResponseSize(DataSize maxResponseSize) {
			this.maxResponseSize = maxResponseSize;
		}

	}

}
