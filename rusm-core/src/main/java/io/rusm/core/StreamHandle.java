package io.rusm.core;

import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * The reading end of a byte stream, as the receiving process gets it from
 * {@link Context#receive()}. Until received it counts as one item of mailbox depth.
 *
 * @since 0.1.0
 */
public final class StreamHandle {

	private final Pipe pipe;

	private volatile @Nullable Proc reader;

	StreamHandle(Pipe pipe) {
		this.pipe = pipe;
	}

	void bindReader(Proc process) {
		this.reader = process;
	}

	/**
	 * Reads the next chunk, waiting while the pipe is empty and the writer has not closed it.
	 * @return the chunk, or empty once the writer closed the stream and every chunk was read
	 * @throws ProcessExitException if the reading process was killed
	 */
	public Optional<byte[]> read() {
		return Optional.ofNullable(this.pipe.read(this.reader));
	}
}
