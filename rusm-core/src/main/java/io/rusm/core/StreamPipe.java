package io.rusm.core;

import java.util.Objects;

/**
 * The two ends of a byte stream made by {@link Streams#pipe(int)}.
 *
 * @param writer the end that writes chunks and closes the stream
 * @param handle the end to send to the reading process
 * @since 0.1.0
 */
public record StreamPipe(StreamWriter writer, StreamHandle handle) {

	/**
	 * Creates the pair.
	 * @param writer the writing end
	 * @param handle the reading end
	 */
	public StreamPipe {
		Objects.requireNonNull(writer, "writer");
		Objects.requireNonNull(handle, "handle");
	}
}
