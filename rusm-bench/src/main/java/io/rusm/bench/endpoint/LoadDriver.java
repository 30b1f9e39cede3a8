package io.rusm.bench.endpoint;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A closed-loop load driver: a number of clients, each on a virtual thread, sends one GET after
 * the other to one URI on the loopback interface, for a bounded time and at most a bounded
 * number of requests, and records each response's latency. Public for the W8 HTTP load
 * ({@code io.rusm.bench.spring.W8HttpLoad}).
 */
public final class LoadDriver {

    private final HttpClient http;

    private final int clients;

    private final long maxRequests;

    /**
     * Creates a driver.
     *
     * @param clients concurrent clients, each on its own virtual thread
     * @param maxRequests the most requests one run sends, over all clients
     */
    public LoadDriver(int clients, long maxRequests) {
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        this.clients = clients;
        this.maxRequests = maxRequests;
    }

    /**
     * Runs the clients against a URI.
     *
     * @param uri a loopback URI
     * @param duration how long to send
     * @return what was measured
     * @throws InterruptedException if interrupted while waiting for the clients
     */
    public Result run(URI uri, Duration duration) throws InterruptedException {
        if (!uri.getHost().equals("127.0.0.1")) {
            throw new IllegalArgumentException("the load driver only talks to 127.0.0.1, not " + uri);
        }
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).GET().build();
        List<Latencies> recorded = new ArrayList<>();
        AtomicLong sent = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        CountDownLatch done = new CountDownLatch(this.clients);
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        for (int i = 0; i < this.clients; i++) {
            Latencies latencies = new Latencies();
            recorded.add(latencies);
            Thread.ofVirtual().name("load-client-" + i).start(() -> {
                try {
                    while (System.nanoTime() < deadline && sent.incrementAndGet() <= this.maxRequests) {
                        long before = System.nanoTime();
                        HttpResponse<byte[]> response = this.http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                        latencies.add(System.nanoTime() - before);
                        bytes.addAndGet(response.body().length);
                        if (response.statusCode() != 200) {
                            failures.incrementAndGet();
                        }
                    }
                } catch (IOException ex) {
                    failures.incrementAndGet();
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                } finally {
                    done.countDown();
                }
            });
        }
        done.await();
        long elapsed = System.nanoTime() - start;
        long[] sorted = Latencies.sorted(recorded);
        return new Result(sorted.length, failures.get(), elapsed, sorted, (sorted.length > 0) ? bytes.get() / sorted.length : 0);
    }

    /**
     * What one run measured.
     *
     * @param requests how many responses arrived
     * @param failures responses other than 200, and failed exchanges
     * @param elapsedNanos the wall time of the run
     * @param sortedLatencies every latency, ascending
     * @param bytesPerResponse the mean body size
     */
    public record Result(long requests, long failures, long elapsedNanos, long[] sortedLatencies, long bytesPerResponse) {

        /**
         * Responses per second.
         *
         * @return requests over the run's wall time
         */
        public double throughput() {
            return this.requests * 1e9 / this.elapsedNanos;
        }

        /**
         * A latency percentile.
         *
         * @param percent from 0 to 100 (100 is the maximum)
         * @return the latency in milliseconds, NaN if nothing was measured
         */
        public double millis(double percent) {
            return (this.sortedLatencies.length == 0) ? Double.NaN
                    : Latencies.percentile(this.sortedLatencies, percent) / 1e6;
        }
    }
}
