package com.egain.auth.spring.emulator;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * An in-process stand-in for eGain, on a free port of 127.0.0.1: the client-app and
 * anonymous-customer token endpoints, exactly as eGain's client-credentials guide
 * describes them, and two APIs that answer only requests bearing a token it issued.
 *
 * <p>By default it knows one tenant, {@value #TENANT_ID}, and two client apps:
 * {@code portal} (client-app, scopes {@code knowledge.portalmgr.read} and
 * {@code .manage}) and {@code visitor} (anonymous-customer, scopes
 * {@code core.aiservices.read} and {@code .manage}), whose secrets are generated anew for
 * each emulator, and serves two made-up APIs. Created with clients of its own (as the
 * test kit does with the clients an application configures), it knows those instead.
 * Its tokens expire after {@link #TOKEN_LIFETIME}. Any request to a path other than a
 * token endpoint that carries no valid token it issued gets {@code 401} before any stub
 * is consulted.
 *
 * <p>Per client it counts the token requests, can fail them with a given status, and can
 * revoke the tokens issued so far. It uses neither WebFlux nor Spring MVC, so it serves
 * either kind of application.
 */
public final class EmulatedEgainServer implements AutoCloseable {

	public static final String TENANT_ID = "TMEMULATOR01";

	public static final String CLIENT_APP_TOKEN_PATH = "/system/auth/" + TENANT_ID + "-U/oauth2/token";

	public static final String ANONYMOUS_TOKEN_PATH = "/core/authmgr/v3/oauth2/v2.0/anonymous/token";

	public static final String ANONYMOUS_SCOPE_PREFIX = "https://api.ai.egain.cloud/auth/";

	public static final String ARTICLE_SEARCH_PATH = "/knowledge/portalmgr/v4/articles/search";

	public static final String AGENT_DETAILS_PATH = "/core/aiservices/v4/aiagent/details/agent/";

	public static final Duration TOKEN_LIFETIME = Duration.ofSeconds(300);

	private final List<DemoClient> clients = new CopyOnWriteArrayList<>();

	private final Set<String> tokenPaths = ConcurrentHashMap.newKeySet();

	private final Map<String, AtomicInteger> tokenRequests = new ConcurrentHashMap<>();

	private final Map<String, Integer> failures = new ConcurrentHashMap<>();

	private final Set<UUID> ownStubs = ConcurrentHashMap.newKeySet();

	private final List<ApiCall> apiCalls = new CopyOnWriteArrayList<>();

	private final IssuedTokens tokens;

	private final WireMockServer server;

	/**
	 * Create an emulator with the {@code portal} and {@code visitor} demo clients and the
	 * demo APIs.
	 */
	public EmulatedEgainServer() {
		this(Clock.systemUTC());
	}

	/**
	 * Create an emulator with the {@code portal} and {@code visitor} demo clients and the
	 * demo APIs.
	 * @param clock the clock of token expiry
	 */
	public EmulatedEgainServer(Clock clock) {
		this(clock, true);
		addClient(DemoClient.generate("portal", false, "emulator-portal",
				Set.of("knowledge.portalmgr.read", "knowledge.portalmgr.manage")), CLIENT_APP_TOKEN_PATH);
		addClient(DemoClient.generate("visitor", true, "emulator-visitor",
				Set.of("core.aiservices.read", "core.aiservices.manage")), ANONYMOUS_TOKEN_PATH);
	}

	private EmulatedEgainServer(Clock clock, boolean demoApis) {
		this.tokens = new IssuedTokens(clock);
		this.server = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1")
			.dynamicPort()
			.disableRequestJournal()
			.templatingEnabled(false)
			.extensions(new EmulatedTokenEndpoint(this), new EmulatedApis(this), new TokenGuard(this)));
		addTokenEndpoint(ANONYMOUS_TOKEN_PATH, true);
		stub(any(anyUrl()).atPriority(1)
			.andMatching(TokenGuard.NAME)
			.willReturn(EmulatorResponses
				.builder(401, EmulatorResponses.error("invalid_token",
						"an Authorization: Bearer <access token> header with a token this emulator issued is required"))
				.withHeader("WWW-Authenticate", "Bearer realm=\"eGain emulator\", error=\"invalid_token\"")));
		if (demoApis) {
			stub(get(urlPathEqualTo(ARTICLE_SEARCH_PATH)).willReturn(aResponse()
				.withTransformers(EmulatedApis.NAME)
				.withTransformerParameter(EmulatedApis.API, EmulatedApis.ARTICLE_SEARCH)));
			stub(get(urlPathMatching(AGENT_DETAILS_PATH + "[^/]+")).willReturn(aResponse()
				.withTransformers(EmulatedApis.NAME)
				.withTransformerParameter(EmulatedApis.API, EmulatedApis.AGENT_DETAILS)));
		}
		// Every other request gets a 404 here, so WireMock never logs an unmatched request.
		stub(any(anyUrl()).atPriority(10)
			.willReturn(EmulatorResponses.builder(404,
					EmulatorResponses.error("not_found", "the eGain emulator does not serve this"))));
	}

	/**
	 * Create an emulator that knows no client yet and serves no API of its own: add the
	 * clients with {@link #addClient(DemoClient, String)}, and stub the APIs through
	 * {@link #api()}.
	 * @param clock the clock of token expiry
	 * @return the emulator, not started
	 */
	public static EmulatedEgainServer withoutClients(Clock clock) {
		return new EmulatedEgainServer(clock, false);
	}

	/**
	 * Make the emulator know a client, and serve its token endpoint.
	 * @param client the client
	 * @param tokenPath the path of its token endpoint: the client app's Token URL path, or
	 * {@link #ANONYMOUS_TOKEN_PATH}
	 * @return this emulator
	 */
	public EmulatedEgainServer addClient(DemoClient client, String tokenPath) {
		this.clients.add(client);
		this.tokenRequests.putIfAbsent(client.name(), new AtomicInteger());
		if (!client.anonymous()) {
			addTokenEndpoint(tokenPath, false);
		}
		return this;
	}

	private void addTokenEndpoint(String path, boolean anonymous) {
		if (this.tokenPaths.add(path)) {
			stub(any(urlPathEqualTo(path)).willReturn(aResponse().withTransformers(EmulatedTokenEndpoint.NAME)
				.withTransformerParameter(EmulatedTokenEndpoint.ANONYMOUS, anonymous)));
		}
	}

	private void stub(com.github.tomakehurst.wiremock.client.MappingBuilder mapping) {
		StubMapping stub = this.server.stubFor(mapping);
		this.ownStubs.add(stub.getId());
	}

	/**
	 * Start the emulator on a free port of 127.0.0.1.
	 * @return this emulator
	 */
	public EmulatedEgainServer start() {
		this.server.start();
		return this;
	}

	/**
	 * Stop the emulator, if it runs.
	 */
	@Override
	public void close() {
		if (this.server.isRunning()) {
			this.server.stop();
		}
	}

	public boolean isRunning() {
		return this.server.isRunning();
	}

	public int port() {
		return this.server.port();
	}

	/**
	 * The emulator's base URL, standing for both {@code https://api.ai.egain.cloud} and
	 * {@code https://ai.egain.cloud}.
	 */
	public String baseUrl() {
		return "http://127.0.0.1:" + port();
	}

	/**
	 * The Token URL of the {@code portal} demo client app.
	 */
	public String clientAppTokenUri() {
		return baseUrl() + CLIENT_APP_TOKEN_PATH;
	}

	public DemoClient portalClient() {
		return client("portal");
	}

	public DemoClient visitorClient() {
		return client("visitor");
	}

	/**
	 * The client of the given name.
	 * @param name the client's name
	 * @return the client
	 * @throws IllegalArgumentException if the emulator knows no client of that name
	 */
	public DemoClient client(String name) {
		for (DemoClient client : this.clients) {
			if (client.name().equals(name)) {
				return client;
			}
		}
		throw new IllegalArgumentException("The eGain emulator knows no client named '" + name + "'; it knows "
				+ this.clients.stream().map(DemoClient::name).toList());
	}

	List<DemoClient> clients() {
		return this.clients;
	}

	boolean isTokenPath(String path) {
		return this.tokenPaths.contains(path);
	}

	public IssuedTokens tokens() {
		return this.tokens;
	}

	/**
	 * The number of token requests received for the client of the given name, the refused
	 * ones included.
	 * @param clientName the client's name
	 * @return the number of token requests
	 */
	public int tokenRequestCount(String clientName) {
		return this.tokenRequests.computeIfAbsent(client(clientName).name(), (name) -> new AtomicInteger()).get();
	}

	/**
	 * Answer every further token request of the given client with the given HTTP status
	 * and an OAuth2 error body, until {@link #reset()}.
	 * @param clientName the client's name
	 * @param httpStatus the status, e.g. 503 or 401
	 */
	public void failTokenRequests(String clientName, int httpStatus) {
		this.failures.put(client(clientName).name(), httpStatus);
	}

	/**
	 * Revoke every token issued so far to the given client: the APIs answer 401 to them.
	 * @param clientName the client's name
	 */
	public void revokeTokens(String clientName) {
		this.tokens.revoke(client(clientName).name());
	}

	/**
	 * Forget the token request counts, the injected failures and every stub added through
	 * {@link #api()}; the clients, and the tokens issued so far, stay.
	 */
	public void reset() {
		this.tokenRequests.values().forEach((count) -> count.set(0));
		this.failures.clear();
		for (StubMapping stub : this.server.getStubMappings()) {
			if (!this.ownStubs.contains(stub.getId())) {
				this.server.removeStub(stub);
			}
		}
	}

	/**
	 * A WireMock client of this emulator, to stub the eGain API answers an application
	 * expects. The emulator answers 401 to a request without a valid token before any such
	 * stub is consulted.
	 * @return the WireMock client
	 */
	public WireMock api() {
		return new WireMock("127.0.0.1", port());
	}

	/**
	 * Count a token request of the given client, and return the status it is to fail
	 * with, or {@code null}.
	 */
	Integer tokenRequested(DemoClient client) {
		this.tokenRequests.computeIfAbsent(client.name(), (name) -> new AtomicInteger()).incrementAndGet();
		return this.failures.get(client.name());
	}

	/**
	 * The API calls answered by the demo APIs so far, each with the client whose token it
	 * bore.
	 */
	public List<ApiCall> apiCalls() {
		return List.copyOf(this.apiCalls);
	}

	void record(ApiCall call) {
		this.apiCalls.add(call);
	}

	/**
	 * An API call the emulator answered.
	 *
	 * @param path the request path
	 * @param clientId the client to which the emulator had issued the call's token
	 */
	public record ApiCall(String path, String clientId) {
	}

}
