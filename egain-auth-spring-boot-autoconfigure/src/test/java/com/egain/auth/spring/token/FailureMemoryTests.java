package com.egain.auth.spring.token;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import com.egain.auth.spring.EgainClient;
import com.egain.auth.spring.EgainClientAuthorizationException;
import com.egain.auth.spring.MutableClock;
import com.egain.auth.spring.TestClients;
import com.egain.auth.spring.credentials.ClientCredentials;
import com.egain.auth.spring.token.FailureMemory.Failure;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2Error;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a client remembers of its failed token requests: how many in a row, how long it
 * backs off (bounded by the token held, at least a {@code Retry-After}), and that a
 * change of its credentials ends the backoff. Time moved by hand.
 */
class FailureMemoryTests {

	private static final Instant START = Instant.parse("2026-12-03T10:00:00Z");

	private static final TokenRequestBackoff BACKOFF = new TokenRequestBackoff(Duration.ofSeconds(1),
			Duration.ofSeconds(15), Duration.ofSeconds(60));

	@TempDir
	Path directory;

	private final MutableClock clock = new MutableClock(START);

	private final TokenTime time = new TokenTime(this.clock, this.clock::nanoTime);

	private final TokenSchedule schedule = new TokenSchedule("portal", this.time, Duration.ofSeconds(60));

	private Path secretFile;

	private ClientCredentials credentials;

	private FailureMemory failures;

	@BeforeEach
	void setUp() throws IOException {
		this.secretFile = this.directory.resolve("client-secret");
		Files.writeString(this.secretFile, "old-secret\n", StandardCharsets.UTF_8);
		EgainClient client = TestClients.clientApp("portal", "http://localhost:1");
		this.credentials = ClientCredentials.of(client)
			.clientSecretFile("egain.auth.clients.portal.client-secret-file", this.secretFile)
			.clock(this.clock)
			.build();
		this.failures = new FailureMemory("portal", this.time, () -> BACKOFF, this.credentials, this.schedule);
	}

	@Test
	void theBackoffDoublesWithEachFailureInARow() {
		assertThat(waitAfter(this.failures.record(serverError()))).isBetween(ms(500), ms(1_000));
		assertThat(waitAfter(this.failures.record(serverError()))).isBetween(ms(1_000), ms(2_000));
		assertThat(waitAfter(this.failures.record(serverError()))).isBetween(ms(2_000), ms(4_000));
	}

	@Test
	void aSuccessForgetsTheFailuresInARow() {
		this.failures.record(serverError());
		this.failures.record(serverError());
		this.failures.clear();
		assertThat(this.failures.last()).isNull();
		assertThat(waitAfter(this.failures.record(serverError()))).isBetween(ms(500), ms(1_000));
	}

	@Test
	void theBackoffLastsUntilItsTimeAndNoLonger() {
		Failure failure = this.failures.record(serverError());
		Duration wait = waitAfter(failure);
		assertThat(this.failures.backingOffAt(this.clock.nanoTime())).isSameAs(failure);
		this.clock.advance(wait.minusMillis(1));
		assertThat(this.failures.backingOffAt(this.clock.nanoTime())).isSameAs(failure);
		this.clock.advance(Duration.ofMillis(1));
		assertThat(this.failures.backingOffAt(this.clock.nanoTime())).isNull();
		assertThat(failure.nextAttemptAt(this.clock.nanoTime())).isNull();
		assertThat(this.failures.last()).isSameAs(failure);
	}

	@Test
	void theBackoffIsAtMostAThirdOfTheLifeLeftToTheTokenHeld() {
		this.schedule.hold(token(), Duration.ofSeconds(30));
		Failure failure = this.failures.record(refusedCredentials());
		assertThat(waitAfter(failure)).isLessThanOrEqualTo(Duration.ofSeconds(10));
	}

	@Test
	void theBackoffIsAtLeastTheRetryAfterAskedFor() {
		Failure failure = this.failures.record(EgainClientAuthorizationException
			.withError("portal", "http://localhost:1/token", new OAuth2Error("slow_down"))
			.statusCode(HttpStatus.TOO_MANY_REQUESTS)
			.retryAfter(Duration.ofSeconds(120))
			.build());
		assertThat(waitAfter(failure)).isEqualTo(Duration.ofSeconds(120));
	}

	@Test
	void changedCredentialsEndTheBackoff() throws IOException {
		this.failures.record(refusedCredentials());
		Files.writeString(this.secretFile, "the-new-and-longer-secret\n", StandardCharsets.UTF_8);
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(this.failures.backingOffAt(this.clock.nanoTime())).isNull();
	}

	@Test
	void aFailureWithNewCredentialsIsTheFirstInARow() throws IOException {
		this.failures.record(serverError());
		this.failures.record(serverError());
		Files.writeString(this.secretFile, "the-new-and-longer-secret\n", StandardCharsets.UTF_8);
		this.credentials.current();
		assertThat(waitAfter(this.failures.record(serverError()))).isBetween(ms(500), ms(1_000));
	}

	@Test
	void anUnusableBackoffGivesWayToTheDefault() {
		FailureMemory failures = new FailureMemory("portal", this.time, () -> {
			throw new IllegalStateException("no backoff");
		}, this.credentials, this.schedule);
		assertThat(waitAfter(failures.record(serverError()))).isBetween(ms(500), ms(1_000));
	}

	@Test
	void eachCallerGetsAnExceptionOfItsOwnSayingWhenTheNextRequestIsMade() {
		Failure failure = this.failures.record(serverError());
		Throwable first = failure.repeated(this.clock.instant());
		Throwable second = failure.repeated(this.clock.instant());
		assertThat(first).isNotSameAs(second).isInstanceOf(EgainClientAuthorizationException.class);
		assertThat(((EgainClientAuthorizationException) first).getNextAttemptAt()).isEqualTo(START.plus(waitAfter(failure)));
	}

	@Test
	void aFailureOtherThanATokenRequestsIsTheCauseOfWhatCallersGet() {
		IllegalStateException storeFailure = new IllegalStateException("store down");
		Throwable repeated = this.failures.record(storeFailure).repeated(this.clock.instant());
		assertThat(repeated).isInstanceOf(IllegalStateException.class).hasCause(storeFailure);
		assertThat(repeated.getMessage()).contains("portal", "No token request for this client before");
	}

	/**
	 * The wait after the given failure, recorded at the current time.
	 */
	private Duration waitAfter(Failure failure) {
		Instant nextAttemptAt = failure.nextAttemptAt(this.clock.nanoTime());
		assertThat(nextAttemptAt).isNotNull();
		return Duration.between(this.clock.instant(), nextAttemptAt);
	}

	private static Duration ms(long millis) {
		return Duration.ofMillis(millis);
	}

	private static EgainClientAuthorizationException serverError() {
		return EgainClientAuthorizationException
			.withError("portal", "http://localhost:1/token", new OAuth2Error("token_endpoint_error"))
			.statusCode(HttpStatus.SERVICE_UNAVAILABLE)
			.build();
	}

	private static EgainClientAuthorizationException refusedCredentials() {
		return EgainClientAuthorizationException
			.withError("portal", "http://localhost:1/token", new OAuth2Error("invalid_client"))
			.statusCode(HttpStatus.UNAUTHORIZED)
			.build();
	}

	private OAuth2AccessToken token() {
		return new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "t1", this.clock.instant(),
				this.clock.instant().plus(Duration.ofSeconds(30)));
	}

}
