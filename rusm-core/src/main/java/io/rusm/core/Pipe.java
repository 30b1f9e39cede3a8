package io.rusm.core;

import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.jspecify.annotations.Nullable;

/**
 * A bounded queue of byte chunks between one writer and one reader, with an end marker set by the
 * writer.
 */
final class Pipe {

	private final int capacity;

	private final ArrayDeque<byte[]> chunks;

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition notEmpty = this.lock.newCondition();

	private final Condition notFull = this.lock.newCondition();

	private boolean closed;

	Pipe(int capacity) {
		this.capacity = capacity;
		this.chunks = new ArrayDeque<>(Math.min(capacity, 64));
	}

	void write(byte[] chunk) {
		this.lock.lock();
		try {
			while (this.chunks.size() >= this.capacity && !this.closed) {
				this.notFull.await();
			}
			if (this.closed) {
				throw new IllegalStateException("the stream is closed");
			}
			this.chunks.add(chunk);
			this.notEmpty.signal();
		}
		catch (InterruptedException ex) {
			throw interrupted(null);
		}
		finally {
			this.lock.unlock();
		}
	}

	void close() {
		this.lock.lock();
		try {
			this.closed = true;
			this.notEmpty.signalAll();
			this.notFull.signalAll();
		}
		finally {
			this.lock.unlock();
		}
	}

	byte @Nullable [] read(@Nullable Proc reader) {
		if (reader != null) {
			reader.checkExit();
		}
		this.lock.lock();
		try {
			while (this.chunks.isEmpty() && !this.closed) {
				this.notEmpty.await();
			}
			byte[] chunk = this.chunks.poll();
			if (chunk != null) {
				this.notFull.signal();
			}
			return chunk;
		}
		catch (InterruptedException ex) {
			throw interrupted(reader);
		}
		finally {
			this.lock.unlock();
		}
	}

	private static ProcessExitException interrupted(@Nullable Proc process) {
		if (process != null) {
			process.checkExit();
		}
		Thread.currentThread().interrupt();
		return new ProcessExitException(ExitReason.KILLED);
	}
}
