package io.rusm.spring.boot.actuate.endpoint;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link SharedReads}.
 */
class SharedReadsTests {

	private static final Executor VIRTUAL = (task) -> Thread.ofVirtual().start(task);

	private final SharedReads<String, Integer> reads = new SharedReads<>();

	private final AtomicInteger computations = new AtomicInteger();

	@RepeatedTest(5)
	void aReadDuringARunningComputationSharesItsResult() throws Exception {
		CountDownLatch computing = new CountDownLatch(1);
		CountDownLatch finish = new CountDownLatch(1);
		CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> this.reads.get("key", () -> {
			computing.countDown();
			awaitLatch(finish);
			return this.computations.incrementAndGet();
		}), VIRTUAL);
		assertThat(computing.await(5, TimeUnit.SECONDS)).isTrue();
		CompletableFuture<Integer> second = CompletableFuture
			.supplyAsync(() -> this.reads.get("key", this.computations::incrementAndGet),
					VIRTUAL);
		await().during(Duration.ofMillis(50)).atMost(Duration.ofSeconds(1)).until(() -> !second.isDone());
		finish.countDown();
		assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo(1);
		assertThat(second.get(5, TimeUnit.SECONDS)).isEqualTo(1);
		assertThat(this.computations).hasValue(1);
	}

	@Test
	void nothingIsKeptOnceAComputationEnded() {
		assertThat(this.reads.get("key", this.computations::incrementAndGet)).isEqualTo(1);
		assertThat(this.reads.get("key", this.computations::incrementAndGet)).isEqualTo(2);
	}

	@Test
	void differentKeysDoNotShare() throws Exception {
		CountDownLatch finish = new CountDownLatch(1);
		CompletableFuture<Integer> blocked = CompletableFuture.supplyAsync(() -> this.reads.get("one", () -> {
			awaitLatch(finish);
			return -1;
		}), VIRTUAL);
		assertThat(this.reads.get("two", () -> 2)).isEqualTo(2);
		finish.countDown();
		assertThat(blocked.get(5, TimeUnit.SECONDS)).isEqualTo(-1);
	}

	@Test
	void aFailedComputationFailsItsCallerAndIsNotKept() {
		assertThatIllegalStateException().isThrownBy(() -> this.reads.get("key", () -> {
			throw new IllegalStateException("failed");
		})).withMessage("failed");
		assertThat(this.reads.get("key", () -> 3)).isEqualTo(3);
	}

	private static void awaitLatch(CountDownLatch latch) {
		try {
			assertThat(latch.await(5, TimeUnit.SECONDS)).isTrue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
