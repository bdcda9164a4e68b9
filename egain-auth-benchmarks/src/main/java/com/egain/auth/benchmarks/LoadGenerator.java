package com.egain.auth.benchmarks;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

import org.HdrHistogram.Recorder;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Sends application requests in the three shapes the benchmark needs: a closed loop of
 * a fixed number of concurrent callers, a burst of concurrent first requests, and an
 * open loop at a fixed rate. Latencies go into an HdrHistogram {@link Recorder}.
 */
final class LoadGenerator {

	private LoadGenerator() {
	}

	/**
	 * Run {@code concurrency} callers, each sending its next request when the previous one
	 * completed, for the warm-up and then the measured time; only requests started within
	 * the measured time are recorded. CPU time and allocation per request are taken over
	 * the whole run, warm-up included.
	 */
	static Sample closedLoop(Supplier<Mono<String>> call, int concurrency, Duration warmup, Duration measure) {
		long measureStart = System.nanoTime() + warmup.toNanos();
		long end = measureStart + measure.toNanos();
		Recorder recorder = new Recorder(3);
		LongAdder errors = new LongAdder();
		LongAdder sent = new LongAdder();
		AtomicReference<Throwable> firstError = new AtomicReference<>();
		Mono<Void> one = Mono.defer(() -> {
			long start = System.nanoTime();
			boolean measured = start >= measureStart;
			sent.increment();
			return call.get().doOnSuccess((body) -> {
				if (measured) {
					recorder.recordValue(System.nanoTime() - start);
				}
			}).onErrorResume((ex) -> {
				if (measured) {
					errors.increment();
				}
				firstError.compareAndSet(null, ex);
				return Mono.empty();
			}).then();
		});
		Mono<Void> caller = one.repeat(() -> System.nanoTime() < end).then();
		JvmThreadCost before = JvmThreadCost.now();
		Flux.range(0, concurrency).flatMap((i) -> caller, concurrency).blockLast();
		JvmThreadCost cost = JvmThreadCost.now().since(before);
		return new Sample(recorder.getIntervalHistogram(), errors.sum(), describe(firstError.get()),
				measure.toNanos() / 1e9, cost, sent.sum());
	}

	/**
	 * Send {@code count} requests at once and wait for all of them.
	 */
	static Sample burst(Supplier<Mono<String>> call, int count) {
		Recorder recorder = new Recorder(3);
		LongAdder errors = new LongAdder();
		AtomicReference<Throwable> firstError = new AtomicReference<>();
		long started = System.nanoTime();
		Flux.range(0, count).flatMap((i) -> Mono.defer(() -> {
			long start = System.nanoTime();
			return call.get().doOnSuccess((body) -> recorder.recordValue(System.nanoTime() - start));
		}).onErrorResume((ex) -> {
			errors.increment();
			firstError.compareAndSet(null, ex);
			return Mono.empty();
		}), count).blockLast(Duration.ofMinutes(5));
		return new Sample(recorder.getIntervalHistogram(), errors.sum(), describe(firstError.get()),
				(System.nanoTime() - started) / 1e9);
	}

	/**
	 * Send requests at a fixed rate, whatever their latency, for the given time. A
	 * request's latency counts from when it was due, so a late sender shows up too.
	 */
	static Sample openLoop(Supplier<Mono<String>> call, int ratePerSecond, Duration duration)
			throws InterruptedException {
		int count = (int) (ratePerSecond * duration.toNanos() / 1_000_000_000L);
		long interval = 1_000_000_000L / ratePerSecond;
		Recorder recorder = new Recorder(3);
		LongAdder errors = new LongAdder();
		AtomicReference<Throwable> firstError = new AtomicReference<>();
		CountDownLatch done = new CountDownLatch(count);
		long start = System.nanoTime();
		for (int i = 0; i < count; i++) {
			long due = start + i * interval;
			for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
				LockSupport.parkNanos(wait);
			}
			call.get().subscribe(null, (ex) -> {
				errors.increment();
				firstError.compareAndSet(null, ex);
				done.countDown();
			}, () -> {
				recorder.recordValue(System.nanoTime() - due);
				done.countDown();
			});
		}
		if (!done.await(2, TimeUnit.MINUTES)) {
			throw new IllegalStateException("Requests of the open loop did not complete");
		}
		return new Sample(recorder.getIntervalHistogram(), errors.sum(), describe(firstError.get()),
				duration.toNanos() / 1e9);
	}

	private static String describe(Throwable ex) {
		return (ex != null) ? ex.getClass().getSimpleName() + ": " + ex.getMessage() : null;
	}

}
