package io.rusm.spring.boot.actuate.endpoint;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

/**
 * Lets concurrent identical reads share one computation: the first caller for a key
 * computes, and every caller that asks for the same key while that computation runs
 * gets its result instead of computing again. Nothing is kept once a computation ends,
 * so an answer is never older than the computation it waited for.
 * <p>
 * This keeps the cost of many clients polling the endpoint at once (dashboards, the
 * observer page) to one walk of the process table per moment, not one per client.
 *
 * @param <K> the key of a read
 * @param <V> its result
 */
final class SharedReads<K, V> {

	private final ConcurrentMap<K, CompletableFuture<V>> inFlight = new ConcurrentHashMap<>();

	/**
	 * Returns the result of the computation for a key, running it unless one for the
	 * same key is already running.
	 * @param key the key of the read
	 * @param computation computes the result
	 * @return the result
	 */
	V get(K key, Supplier<V> computation) {
		CompletableFuture<V> mine = new CompletableFuture<>();
		CompletableFuture<V> running = this.inFlight.putIfAbsent(key, mine);
		if (running != null) {
			return join(running);
		}
		try {
			V result = computation.get();
			mine.complete(result);
			return result;
		}
		catch (RuntimeException | Error ex) {
			mine.completeExceptionally(ex);
			throw ex;
		}
		finally {
			this.inFlight.remove(key, mine);
		}
	}

	private static <V> V join(CompletableFuture<V> running) {
		try {
			return running.join();
		}
		catch (CompletionException ex) {
			if (ex.getCause() instanceof RuntimeException cause) {
				throw cause;
			}
			if (ex.getCause() instanceof Error cause) {
				throw cause;
			}
			throw ex;
		}
	}

}
