package com.egain.auth.spring.token;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import com.egain.auth.spring.EgainAuthMetrics;
import com.egain.auth.spring.EgainClient;
import com.egain.auth.spring.EgainTokenStore;
import com.egain.auth.spring.MutableClock;
import com.egain.auth.spring.TestClients;
import com.egain.auth.spring.credentials.ClientCredentials;
import com.egain.auth.spring.endpoint.EgainTokenResponseClient;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;

import org.springframework.security.oauth2.core.OAuth2AccessToken;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where a client's next token comes from: a token in the store it may take, else a token
 * request through the store; and which stored tokens it may take. A token endpoint on
 * loopback, an in-memory store; time moved by hand.
 */
class StoreNegotiationTests {

	private static final Instant START = Instant.parse("2026-12-03T10:00:00Z");

	@RegisterExtension
	WireMockExtension egain = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private final MutableClock clock = new MutableClock(START);

	private final TokenTime time = new TokenTime(this.clock, this.clock::nanoTime);

	private final TokenSchedule schedule = new TokenSchedule("portal", this.time, Duration.ofSeconds(60));

	private final InMemoryEgainTokenStore memory = new InMemoryEgainTokenStore();

	private final AtomicInteger loads = new AtomicInteger();

	/**
	 * What the store's {@code obtain} was told of each token offered to it.
	 */
	private final List<Boolean> acceptable = new ArrayList<>();

	private final List<OAuth2AccessToken> offered = new ArrayList<>();

	private final List<Duration> heldLifetimes = new ArrayList<>();

	private EgainTokenResponseClient responseClient;

	private StoreNegotiation negotiation;

	@BeforeEach
	void setUp() {
		this.egain.stubFor(post(urlPathEqualTo(TestClients.TOKEN_PATH)).willReturn(okJson(TestClients.tokenJson("requested", 3600))));
		this.responseClient = TestClients.responseClient(Duration.ofSeconds(5));
		EgainClient client = TestClients.clientApp("portal", this.egain.baseUrl());
		EgainTokenStore store = new EgainTokenStore() {

			@Override
			public Mono<OAuth2AccessToken> load(String clientName) {
				StoreNegotiationTests.this.loads.incrementAndGet();
				return StoreNegotiationTests.this.memory.load(clientName);
			}

			@Override
			public Mono<Void> save(String clientName, OAuth2AccessToken token) {
				return StoreNegotiationTests.this.memory.save(clientName, token);
			}

			@Override
			public Mono<Void> remove(String clientName, OAuth2AccessToken token) {
				return StoreNegotiationTests.this.memory.remove(clientName, token);
			}

			@Override
			public Mono<OAuth2AccessToken> obtain(String clientName, Predicate<OAuth2AccessToken> acceptable,
					Mono<OAuth2AccessToken> tokenRequest) {
				StoreNegotiationTests.this.offered
					.forEach((token) -> StoreNegotiationTests.this.acceptable.add(acceptable.test(token)));
				return EgainTokenStore.super.obtain(clientName, acceptable, tokenRequest);
			}

		};
		this.negotiation = new StoreNegotiation("portal",
				new TokenSources(this.responseClient, store, ObservationRegistry.NOOP), this.time,
				ClientCredentials.of(client).clock(this.clock).build(), EgainAuthMetrics.NONE, this.schedule,
				(token, lifetime) -> {
					this.heldLifetimes.add(lifetime);
					this.schedule.hold(token, lifetime);
				});
	}

	@AfterEach
	void close() {
		this.responseClient.close();
	}

	@Test
	void aStoredTokenTheClientMayTakeIsHeldWithoutATokenRequest() {
		this.memory.save("portal", token("stored", Duration.ofMinutes(10))).block();
		assertThat(this.negotiation.loadOrRequest().block(Duration.ofSeconds(5)).getTokenValue()).isEqualTo("stored");
		assertThat(this.heldLifetimes).containsExactly(Duration.ofMinutes(10));
		assertThat(this.schedule.get().token.getTokenValue()).isEqualTo("stored");
		this.egain.verify(0, postRequestedFor(urlPathEqualTo(TestClients.TOKEN_PATH)));
	}

	@Test
	void withoutAStoredTokenATokenIsRequestedAndHeldForItsLifetime() {
		assertThat(this.negotiation.loadOrRequest().block(Duration.ofSeconds(5)).getTokenValue())
			.isEqualTo("requested");
		assertThat(this.heldLifetimes).containsExactly(Duration.ofSeconds(3600));
		this.egain.verify(1, postRequestedFor(urlPathEqualTo(TestClients.TOKEN_PATH)));
	}

	@Test
	void aTokenAnApiRejectedIsNeverTakenBackFromTheStore() {
		OAuth2AccessToken stored = token("stored", Duration.ofMinutes(10));
		this.memory.save("portal", stored).block();
		this.negotiation.rejected(stored);
		assertThat(this.negotiation.loadOrRequest().block(Duration.ofSeconds(5)).getTokenValue())
			.isEqualTo("requested");
	}

	@Test
	void theTokenHeldIsNotTakenFromTheStoreAgainWhenItIsDue() {
		OAuth2AccessToken stored = token("stored", Duration.ofMinutes(10));
		this.memory.save("portal", stored).block();
		this.schedule.hold(stored, Duration.ofMinutes(10));
		this.clock.advance(Duration.ofMinutes(9));
		assertThat(this.negotiation.loadOrRequest().block(Duration.ofSeconds(5)).getTokenValue())
			.isEqualTo("requested");
	}

	@Test
	void aTokenHeldThatIsNotDueIsReturnedWithoutAskingTheStore() {
		this.schedule.hold(token("held", Duration.ofMinutes(10)), Duration.ofMinutes(10));
		assertThat(this.negotiation.loadOrRequest().block(Duration.ofSeconds(5)).getTokenValue()).isEqualTo("held");
		assertThat(this.loads).hasValue(0);
		this.egain.verify(0, postRequestedFor(urlPathEqualTo(TestClients.TOKEN_PATH)));
	}

	@Test
	void aRequestNowIsMadeWhateverTheTokenHeld() {
		this.schedule.hold(token("held", Duration.ofMinutes(10)), Duration.ofMinutes(10));
		assertThat(this.negotiation.request().block(Duration.ofSeconds(5)).getTokenValue()).isEqualTo("requested");
		this.egain.verify(1, postRequestedFor(urlPathEqualTo(TestClients.TOKEN_PATH)));
	}

	@Test
	void anotherInstancesTokenIsAcceptableOnlyUnexpiredNotRejectedAndNotTheOneHeld() {
		OAuth2AccessToken held = token("held", Duration.ofMinutes(10));
		OAuth2AccessToken rejected = token("rejected", Duration.ofMinutes(10));
		this.schedule.hold(held, Duration.ofMinutes(10));
		this.negotiation.rejected(rejected);
		this.offered.addAll(List.of(token("fresh", Duration.ofMinutes(10)), expired("expired"), rejected,
				held));
		this.negotiation.request().block(Duration.ofSeconds(5));
		assertThat(this.acceptable).containsExactly(true, false, false, false);
	}

	@Test
	void removingATokenRemovesItFromTheStore() {
		OAuth2AccessToken stored = token("stored", Duration.ofMinutes(10));
		this.memory.save("portal", stored).block();
		this.negotiation.remove(stored).block();
		assertThat(this.memory.load("portal").block()).isNull();
	}

	private OAuth2AccessToken expired(String value) {
		return new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, value,
				this.clock.instant().minus(Duration.ofMinutes(10)), this.clock.instant());
	}

	private OAuth2AccessToken token(String value, Duration lifetime) {
		return new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, value, this.clock.instant(),
				this.clock.instant().plus(lifetime));
	}

}
