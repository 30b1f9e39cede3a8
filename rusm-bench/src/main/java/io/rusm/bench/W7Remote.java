package io.rusm.bench;

import io.rusm.bench.remote.RemotePair;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * W7 remote messaging: two nodes in two JVMs on loopback (this JMH fork and a second JVM its
 * setup starts from the same classpath). {@code call}: one call to an echo process in the other
 * JVM, its round trip sampled (JMH sample time: mean and percentiles). {@code send}: one sender
 * here, one receiver process there; messages are counted when the receiver has them, with a
 * window of acknowledged credits, so the score is delivered messages per second.
 */
@State(Scope.Benchmark)
public class W7Remote extends HazelcastForks {

    /** Messages per send invocation. */
    public static final int BATCH = 20_000;

    /** Which peer plays: rusm's cluster or Pekko's remoting. */
    @Param({"rusm", "pekko"})
    public String peer;

    private RemotePair pair;

    /** Starts the second JVM and this JVM's node, and waits until they reach each other. */
    @Setup(Level.Trial)
    public void start() {
        pair = RemotePair.create(peer);
    }

    /** One remote call round trip. */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Object call() {
        return pair.call();
    }

    /** A batch of remote sends, all delivered. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(BATCH)
    public void send() {
        pair.send(BATCH);
    }

    /** Stops this node and the second JVM. */
    @TearDown(Level.Trial)
    public void stop() {
        pair.close();
    }
}
