package dev.cairn.itest;

import java.time.Duration;
import java.util.function.Supplier;

import org.junit.jupiter.api.Assertions;

/** Polls a condition: hot deploy and configuration updates arrive on FileInstall's and SCR's own threads. */
final class Await {
	static final Duration TIMEOUT = Duration.ofSeconds(15);

	private Await() {
	}

	static <T> T until(String what, Supplier<T> probe, java.util.function.Predicate<T> done) {
		long deadline = System.nanoTime() + TIMEOUT.toNanos();
		T last = probe.get();
		while (!done.test(last)) {
			if (System.nanoTime() > deadline) {
				Assertions.fail("timed out after " + TIMEOUT.toSeconds() + " s waiting for " + what + "; last: " + last);
			}
			try {
				Thread.sleep(25);
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				Assertions.fail("interrupted waiting for " + what);
			}
			last = probe.get();
		}
		return last;
	}

	static void until(String what, java.util.function.BooleanSupplier condition) {
		until(what, condition::getAsBoolean, Boolean::booleanValue);
	}
}
