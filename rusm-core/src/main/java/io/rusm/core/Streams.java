package io.rusm.core;

/**
 * Creates byte streams that can be sent to a process with
 * {@link Runtime#sendStream(Pid, StreamHandle)}.
 *
 * <pre>{@code
 * StreamPipe pipe = Streams.pipe(16);
 * runtime.sendStream(consumer, pipe.handle());
 * try (StreamWriter writer = pipe.writer()) {
 *     writer.write(chunk);      // blocks while 16 chunks wait unread
 * }                             // closing ends the stream
 * }</pre>
 *
 * @since 0.1.0
 */
public final class Streams {

	private Streams() {
	}

	/**
	 * Creates a bounded pipe of byte chunks.
	 * @param capacityInChunks how many unread chunks the pipe holds before the writer waits
	 * @return the two ends of the pipe
	 */
	public static StreamPipe pipe(int capacityInChunks) {
		if (capacityInChunks <= 0) {
			throw new IllegalArgumentException("stream capacity must be positive, got " + capacityInChunks);
		}
		Pipe pipe = new Pipe(capacityInChunks);
		return new StreamPipe(new StreamWriter(pipe), new StreamHandle(pipe));
	}
}
