package com.egain.auth.spring.token;

import java.io.Serial;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * At most one request in flight: a caller joins the request in flight, or starts one
 * when none is. Every waiter gets the one result; a failure is handled once, and reaches
 * each waiter as an exception of its own. Nothing thrown on the way leaves a request in
 * flight, and a request is no longer in flight before any waiter sees its result.
 *
 * @param <T> the result of a request
 */
final class SingleFlight<T> {

	private final AtomicReference<@Nullable Mono<T>> inFlight = new AtomicReference<>();

	private final Function<Throwable, Supplier<Throwable>> onFailure;

	/**
	 * @param onFailure called once with the failure of a request; returns what makes the
	 * exception of each waiter
	 */
	SingleFlight(Function<Throwable, Supplier<Throwable>> onFailure) {
		this.onFailure = onFailure;
	}

	/**
	 * Whether no request is in flight.
	 */
	boolean isIdle() {
		return this.inFlight.get() == null;
	}

	/**
	 * The request in flight, or the given one, which is in flight from now on until it
	 * ends.
	 * @param request the request to make when none is in flight, subscribed to once
	 */
	Mono<T> join(Supplier<Mono<T>> request) {
		while (true) {
			Mono<T> flying = this.inFlight.get();
			if (flying != null) {
				return flying;
			}
			AtomicReference<@Nullable Mono<T>> self = new AtomicReference<>();
			// The request is no longer in flight before any waiter sees its result, so that a
			// caller that acts on the result never joins a finished request; whatever is
			// thrown on the way, it is no longer in flight once it ended. cache(): every
			// waiter gets the one result, and a waiter that cancels does not cancel the
			// request for the others. A failure reaches each waiter as an exception of its
			// own: a blocking caller adds to the exception it throws.
			Mono<T> candidate = Mono.defer(request)
				.doOnNext((result) -> this.inFlight.compareAndSet(self.get(), null))
				.onErrorMap((ex) -> {
					try {
						return new FailedRequest(this.onFailure.apply(ex));
					}
					finally {
						this.inFlight.compareAndSet(self.get(), null);
					}
				})
				.doFinally((signal) -> this.inFlight.compareAndSet(self.get(), null))
				.cache()
				.onErrorMap(FailedRequest.class, (failed) -> failed.perWaiter.get());
			self.set(candidate);
			if (this.inFlight.compareAndSet(null, candidate)) {
				return candidate;
			}
		}
	}

	/**
	 * The failure of the request in flight, on its way to the waiters, each of which gets
	 * an exception of its own; takes no suppressed exceptions and no stack trace.
	 */
	private static final class FailedRequest extends RuntimeException {

		@Serial
		private static final long serialVersionUID = 1L;

		final transient Supplier<Throwable> perWaiter;

		FailedRequest(Supplier<Throwable> perWaiter) {
			super(null, null, false, false);
			this.perWaiter = perWaiter;
		}

	}

}
