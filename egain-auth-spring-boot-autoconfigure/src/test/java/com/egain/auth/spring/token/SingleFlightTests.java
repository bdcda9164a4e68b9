package com.egain.auth.spring.token;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * At most one request in flight: callers join it, each gets the one result or an
 * exception of its own, and nothing leaves a request in flight once it ended. Requests
 * are sinks completed by hand; nothing waits.
 */
class SingleFlightTests {

	private final AtomicInteger failuresHandled = new AtomicInteger();

	private final SingleFlight<String> flight = new SingleFlight<>((ex) -> {
		this.failuresHandled.incrementAndGet();
		return () -> new IllegalStateException("for one waiter", ex);
	});

	private final AtomicInteger requestsMade = new AtomicInteger();

	@Test
	void callersWhileARequestIsInFlightJoinItAndGetItsResult() {
		Sinks.One<String> response = Sinks.one();
		List<String> results = new ArrayList<>();
		this.flight.join(request(response)).subscribe(results::add);
		this.flight.join(request(Sinks.one())).subscribe(results::add);
		response.tryEmitValue("t1");
		assertThat(this.requestsMade).hasValue(1);
		assertThat(results).containsExactly("t1", "t1");
	}

	@Test
	void theRequestIsNoLongerInFlightWhenAWaiterSeesItsResult() {
		Sinks.One<String> response = Sinks.one();
		List<Boolean> idleOnResult = new ArrayList<>();
		this.flight.join(request(response)).subscribe((result) -> idleOnResult.add(this.flight.isIdle()));
		assertThat(this.flight.isIdle()).isFalse();
		response.tryEmitValue("t1");
		assertThat(idleOnResult).containsExactly(true);
	}

	@Test
	void aCallerAfterTheRequestEndedStartsANewOne() {
		Sinks.One<String> first = Sinks.one();
		this.flight.join(request(first)).subscribe();
		first.tryEmitValue("t1");
		Sinks.One<String> second = Sinks.one();
		List<String> results = new ArrayList<>();
		this.flight.join(request(second)).subscribe(results::add);
		second.tryEmitValue("t2");
		assertThat(this.requestsMade).hasValue(2);
		assertThat(results).containsExactly("t2");
	}

	@Test
	void aFailureIsHandledOnceAndEveryWaiterGetsAnExceptionOfItsOwn() {
		Sinks.One<String> response = Sinks.one();
		List<Throwable> errors = new ArrayList<>();
		this.flight.join(request(response)).subscribe((result) -> {
		}, errors::add);
		this.flight.join(request(response)).subscribe((result) -> {
		}, errors::add);
		response.tryEmitError(new IllegalArgumentException("refused"));
		assertThat(this.failuresHandled).hasValue(1);
		assertThat(errors).hasSize(2).allSatisfy((error) -> assertThat(error).hasMessage("for one waiter")
			.hasCauseInstanceOf(IllegalArgumentException.class));
		assertThat(errors.get(0)).isNotSameAs(errors.get(1));
		assertThat(this.flight.isIdle()).isTrue();
	}

	@Test
	void aRequestThatThrowsWhenMadeIsNotLeftInFlight() {
		List<Throwable> errors = new ArrayList<>();
		this.flight.join(() -> {
			throw new IllegalStateException("no request");
		}).subscribe((result) -> {
		}, errors::add);
		assertThat(errors).hasSize(1);
		assertThat(this.flight.isIdle()).isTrue();
	}

	@Test
	void aFailureHandlerThatThrowsLeavesNoRequestInFlight() {
		SingleFlight<String> flight = new SingleFlight<>((ex) -> {
			throw new IllegalStateException("handler failed");
		});
		List<Throwable> errors = new ArrayList<>();
		flight.join(() -> Mono.error(new IllegalArgumentException("refused"))).subscribe((result) -> {
		}, errors::add);
		assertThat(errors).hasSize(1);
		assertThat(flight.isIdle()).isTrue();
	}

	@Test
	void aRequestThatEndsEmptyIsNotLeftInFlight() {
		Sinks.One<String> response = Sinks.one();
		this.flight.join(request(response)).subscribe();
		response.tryEmitEmpty();
		assertThat(this.flight.isIdle()).isTrue();
	}

	@Test
	void aWaiterThatCancelsDoesNotCancelTheRequestForTheOthers() {
		Sinks.One<String> response = Sinks.one();
		Disposable cancelled = this.flight.join(request(response)).subscribe();
		List<String> results = new ArrayList<>();
		this.flight.join(request(response)).subscribe(results::add);
		cancelled.dispose();
		response.tryEmitValue("t1");
		assertThat(results).containsExactly("t1");
		assertThat(this.requestsMade).hasValue(1);
	}

	@Test
	void joiningMakesNoRequestUntilSubscribed() {
		this.flight.join(request(Sinks.one()));
		assertThat(this.requestsMade).hasValue(0);
	}

	private Supplier<Mono<String>> request(Sinks.One<String> response) {
		return () -> {
			this.requestsMade.incrementAndGet();
			return response.asMono();
		};
	}

}
