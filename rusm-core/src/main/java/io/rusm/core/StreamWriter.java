package io.rusm.core;

import java.util.Objects;

/**
 * The writing end of a byte stream. Writes block while the pipe is full, so a slow reader holds
 * back a fast writer instead of letting memory grow.
 *
 * @since 0.1.0
 */
public final class StreamWriter implements AutoCloseable {

	private final Pipe pipe;

	StreamWriter(Pipe pipe) {
		this.pipe = pipe;
	}

	/**
	 * Writes one chunk, waiting while the pipe is full.
	 * @param chunk the bytes; the array is handed over, not copied
	 * @throws IllegalStateException if the stream was closed
	 * @throws ProcessExitException if the writing thread is interrupted (a killed process)
	 */
	public void write(byte[] chunk) {
		this.pipe.write(Objects.requireNonNull(chunk, "chunk"));
	}

	/**
	 * Ends the stream: the reader gets the chunks already written, then the end.
	 */
	@Override
	public void close() {
		this.pipe.close();
	}
}
