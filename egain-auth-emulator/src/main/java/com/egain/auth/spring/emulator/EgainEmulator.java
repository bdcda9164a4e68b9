package com.egain.auth.spring.emulator;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import com.github.tomakehurst.wiremock.WireMockServer;

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
 * <p>It knows one tenant, {@value #TENANT_ID}, and two client apps: {@code portal}
 * (client-app, scopes {@code knowledge.portalmgr.read} and {@code .manage}) and
 * {@code visitor} (anonymous-customer, scopes {@code core.aiservices.read} and
 * {@code .manage}), whose secrets are generated anew for each emulator. Its tokens
 * expire after {@link #TOKEN_LIFETIME}.
 *
 * <p>The {@link EgainEmulatorApplicationListener} starts one in every application that
 * has this module on its classpath and no {@code EGAIN_CLIENT_ID}; tests of such an
 * application get it as a bean and check what it served through {@link #apiCalls()} and
 * {@link #tokens()}. It uses neither WebFlux nor Spring MVC, so it serves either kind of
 * application.
 */
public final class EgainEmulator implements AutoCloseable {

	public static final String TENANT_ID = "TMEMULATOR01";

	public static final String CLIENT_APP_TOKEN_PATH = "/system/auth/" + TENANT_ID + "-U/oauth2/token";

	public static final String ANONYMOUS_TOKEN_PATH = "/core/authmgr/v3/oauth2/v2.0/anonymous/token";

	public static final String ANONYMOUS_SCOPE_PREFIX = "https://api.ai.egain.cloud/auth/";

	public static final String ARTICLE_SEARCH_PATH = "/knowledge/portalmgr/v4/articles/search";

	public static final String AGENT_DETAILS_PATH = "/core/aiservices/v4/aiagent/details/agent/";

	public static final Duration TOKEN_LIFETIME = Duration.ofSeconds(300);

	private final DemoClient portalClient = DemoClient.generate("emulator-portal",
			Set.of("knowledge.portalmgr.read", "knowledge.portalmgr.manage"));

	private final DemoClient visitorClient = DemoClient.generate("emulator-visitor",
			Set.of("core.aiservices.read", "core.aiservices.manage"));

	private final List<ApiCall> apiCalls = new CopyOnWriteArrayList<>();

	private final IssuedTokens tokens;

	private final WireMockServer server;

	public EgainEmulator() {
		this(Clock.systemUTC());
	}

	public EgainEmulator(Clock clock) {
		this.tokens = new IssuedTokens(clock);
		this.server = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1")
			.dynamicPort()
			.disableRequestJournal()
			.templatingEnabled(false)
			.extensions(new EmulatedTokenEndpoint(this), new EmulatedApis(this)));
		this.server.stubFor(any(urlPathEqualTo(CLIENT_APP_TOKEN_PATH))
			.willReturn(aResponse().withTransformers(EmulatedTokenEndpoint.NAME)
				.withTransformerParameter(EmulatedTokenEndpoint.ANONYMOUS, false)));
		this.server.stubFor(any(urlPathEqualTo(ANONYMOUS_TOKEN_PATH))
			.willReturn(aResponse().withTransformers(EmulatedTokenEndpoint.NAME)
				.withTransformerParameter(EmulatedTokenEndpoint.ANONYMOUS, true)));
		this.server.stubFor(get(urlPathEqualTo(ARTICLE_SEARCH_PATH)).willReturn(aResponse()
			.withTransformers(EmulatedApis.NAME)
			.withTransformerParameter(EmulatedApis.API, EmulatedApis.ARTICLE_SEARCH)));
		this.server.stubFor(get(urlPathMatching(AGENT_DETAILS_PATH + "[^/]+")).willReturn(aResponse()
			.withTransformers(EmulatedApis.NAME)
			.withTransformerParameter(EmulatedApis.API, EmulatedApis.AGENT_DETAILS)));
		// Every other request gets a 404 here, so WireMock never logs an unmatched request.
		this.server.stubFor(any(anyUrl()).atPriority(10)
			.willReturn(EmulatorResponses.builder(404,
					EmulatorResponses.error("not_found", "the eGain emulator does not serve this"))));
	}

	/**
	 * Start the emulator on a free port of 127.0.0.1.
	 * @return this emulator
	 */
	public EgainEmulator start() {
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
	 * The Token URL of the {@code portal} client app.
	 */
	public String clientAppTokenUri() {
		return baseUrl() + CLIENT_APP_TOKEN_PATH;
	}

	public DemoClient portalClient() {
		return this.portalClient;
	}

	public DemoClient visitorClient() {
		return this.visitorClient;
	}

	public IssuedTokens tokens() {
		return this.tokens;
	}

	/**
	 * The API calls answered so far, each with the client whose token it bore.
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
