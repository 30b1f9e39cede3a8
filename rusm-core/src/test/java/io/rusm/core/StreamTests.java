package io.rusm.core;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.rusm.core.ProcessHandle;
import io.rusm.core.Runtime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static io.rusm.core.OpenRuntimes.PARKED;
import static io.rusm.core.ProcessProbes.eventually;
import static io.rusm.core.ProcessProbes.ended;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Byte streams sent to a process: in order with messages, bounded with back-pressure on the
 * writer, ended by the writer.
 */
class StreamTests {

	private final OpenRuntimes runtimes = new OpenRuntimes();

	@AfterEach
	void closeRuntimes() {
		this.runtimes.close();
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static String text(Optional<byte[]> chunk) {
		return new String(chunk.orElseThrow(), StandardCharsets.UTF_8);
	}

	// seed: a_stream_is_delivered_and_read_in_order_after_a_message
	@Test
	void aStreamIsDeliveredAndReadInOrderAfterAMessage() throws Exception {
		Runtime runtime = this.runtimes.create();
		CompletableFuture<Object> first = new CompletableFuture<>();
		CompletableFuture<List<String>> chunks = new CompletableFuture<>();
		ProcessHandle p = runtime.spawn((ctx) -> {
			first.complete(ctx.receive());
			if (ctx.receive() instanceof StreamHandle handle) {
				List<String> got = new ArrayList<>();
				for (Optional<byte[]> chunk = handle.read(); chunk.isPresent(); chunk = handle.read()) {
					got.add(text(chunk));
				}
				chunks.complete(got);
			}
		});

		assertThat(runtime.send(p.pid(), "hello")).isTrue();
		StreamPipe pipe = Streams.pipe(2);
		assertThat(runtime.sendStream(p.pid(), pipe.handle())).isTrue();
		Thread writer = Thread.ofVirtual().start(() -> {
			try (StreamWriter out = pipe.writer()) {
				for (String chunk : List.of("a", "b", "c")) {
					out.write(bytes(chunk));
				}
			}
		});

		assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("hello");
		assertThat(chunks.get(10, TimeUnit.SECONDS)).containsExactly("a", "b", "c");
		assertThat(ended(p)).isEqualTo(ExitReason.NORMAL);
		assertThat(writer.join(Duration.ofSeconds(10))).isTrue();
	}

	// seed: send_stream_to_a_dead_pid_returns_false
	@Test
	void sendStreamToADeadPidReturnsFalse() throws Exception {
		Runtime runtime = this.runtimes.create();
		ProcessHandle dead = runtime.spawn((ctx) -> {
		});
		ended(dead);
		assertThat(runtime.sendStream(dead.pid(), Streams.pipe(1).handle())).isFalse();
	}

	// seed: a_stream_counts_toward_mailbox_depth_until_consumed
	@Test
	void aStreamCountsTowardMailboxDepthUntilConsumed() throws Exception {
		Runtime runtime = this.runtimes.build((builder) -> builder.trackMailboxDepth(true));
		CountDownLatch go = new CountDownLatch(1);
		CountDownLatch done = new CountDownLatch(1);
		ProcessHandle p = runtime.spawn((ctx) -> {
			go.await();
			ctx.receive();
			done.countDown();
			PARKED.run(ctx);
		});
		assertThat(runtime.sendStream(p.pid(), Streams.pipe(1).handle())).isTrue();
		assertThat(runtime.info(p.pid()).orElseThrow().mailboxDepth()).isEqualTo(1);
		go.countDown();
		assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
		assertThat(runtime.info(p.pid()).orElseThrow().mailboxDepth()).isZero();
	}

	@Test
	void aWriterWaitsWhileThePipeIsFullUntilTheReaderReads() throws Exception {
		StreamPipe pipe = Streams.pipe(2);
		AtomicInteger written = new AtomicInteger();
		Thread writer = Thread.ofVirtual().start(() -> {
			for (String chunk : List.of("a", "b", "c")) {
				pipe.writer().write(bytes(chunk));
				written.incrementAndGet();
			}
		});

		eventually().until(() -> written.get() == 2 && writer.getState() == Thread.State.WAITING);
		assertThat(written).as("the third write waits for room").hasValue(2);

		assertThat(text(pipe.handle().read())).isEqualTo("a");
		assertThat(writer.join(Duration.ofSeconds(10))).isTrue();
		assertThat(written).hasValue(3);
		assertThat(text(pipe.handle().read())).isEqualTo("b");
		assertThat(text(pipe.handle().read())).isEqualTo("c");
	}

	@Test
	void theStreamEndsOnceTheWriterClosedAndEveryChunkWasRead() {
		StreamPipe pipe = Streams.pipe(4);
		pipe.writer().write(bytes("last"));
		pipe.writer().close();

		assertThat(text(pipe.handle().read())).isEqualTo("last");
		assertThat(pipe.handle().read()).isEmpty();
		assertThat(pipe.handle().read()).as("and stays ended").isEmpty();
		assertThatIllegalStateException().isThrownBy(() -> pipe.writer().write(bytes("late")))
			.withMessageContaining("closed");
	}

	@Test
	void aReaderWaitingForChunksSeesTheEndWhenTheWriterCloses() throws Exception {
		Runtime runtime = this.runtimes.create();
		CompletableFuture<Optional<byte[]>> read = new CompletableFuture<>();
		ProcessHandle p = runtime.spawn((ctx) -> {
			if (ctx.receive() instanceof StreamHandle handle) {
				read.complete(handle.read());
			}
		});
		StreamPipe pipe = Streams.pipe(1);
		runtime.sendStream(p.pid(), pipe.handle());
		pipe.writer().close();
		assertThat(read.get(10, TimeUnit.SECONDS)).isEmpty();
		assertThat(ended(p)).isEqualTo(ExitReason.NORMAL);
	}

	@Test
	void aProcessBlockedReadingAStreamCanBeKilled() throws Exception {
		Runtime runtime = this.runtimes.create();
		CountDownLatch reading = new CountDownLatch(1);
		ProcessHandle p = runtime.spawn((ctx) -> {
			if (ctx.receive() instanceof StreamHandle handle) {
				reading.countDown();
				handle.read();
			}
		});
		runtime.sendStream(p.pid(), Streams.pipe(1).handle());
		assertThat(reading.await(10, TimeUnit.SECONDS)).isTrue();
		p.kill();
		assertThat(ended(p)).isEqualTo(ExitReason.KILLED);
	}

	@Test
	void aStreamIsAUserMessageForABoundedMailbox() {
		Runtime runtime = this.runtimes.build((builder) -> builder.mailboxCapacity(1));
		ProcessHandle p = runtime.spawn(PARKED);
		assertThat(runtime.sendStream(p.pid(), Streams.pipe(1).handle())).isTrue();
		assertThat(runtime.sendStream(p.pid(), Streams.pipe(1).handle())).isFalse();
		assertThat(runtime.droppedMessages()).isEqualTo(1);
	}

	@Test
	void pipeCapacityMustBePositive() {
		assertThatIllegalArgumentException().isThrownBy(() -> Streams.pipe(0))
			.withMessageContaining("stream capacity must be positive, got 0");
		assertThatIllegalArgumentException().isThrownBy(() -> Streams.pipe(-1));
		assertThat(Streams.pipe(1).handle()).isNotNull();
	}

}
