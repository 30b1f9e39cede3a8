package io.rusm.bench.remote;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The other end of a two-JVM benchmark: a child JVM started with the same {@code java} binary and
 * the same classpath as this one, running {@link SecondNode}. The child prints a line starting
 * with {@value #READY} once it is ready (other lines on its standard output are dropped); it exits when
 * its standard input closes (so it cannot outlive a parent that dies), and {@link #close()}
 * also destroys it.
 */
final class SecondJvm implements AutoCloseable {

    /** What the child prints when it is ready. */
    static final String READY = "READY";

    /** How long the child may take to start its node and say it is ready. */
    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);

    /** What Hazelcast wants opened to run without warnings, as the cluster module's tests give it. */
    static final List<String> HAZELCAST_JVM_ARGS = List.of("--add-modules", "java.se",
            "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-opens", "java.base/java.lang=ALL-UNNAMED",
            "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens", "java.management/sun.management=ALL-UNNAMED",
            "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED");

    private final Process process;
    private final OutputStream stdin;

    private SecondJvm(Process process) {
        this.process = process;
        this.stdin = process.getOutputStream();
    }

    /**
     * Starts {@link SecondNode} with {@code args} in a new JVM and waits until it says it is ready.
     *
     * @return the running child
     * @throws IllegalStateException if the child ends or stays silent before it is ready
     */
    static SecondJvm start(List<String> args) {
        String java = ProcessHandle.current().info().command()
                .orElseThrow(() -> new IllegalStateException("cannot tell which java binary runs this JVM"));
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(List.of("-Xms512m", "-Xmx512m", "-XX:+UseG1GC",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"));
        command.addAll(HAZELCAST_JVM_ARGS);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), SecondNode.class.getName()));
        command.addAll(args);
        Process process;
        try {
            process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the second JVM: " + command, e);
        }
        CompletableFuture<String> line = new CompletableFuture<>();
        Thread.ofVirtual().name("w7-second-jvm-stdout").start(() -> {
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String next;
                while ((next = out.readLine()) != null) {
                    if (next.startsWith(READY)) {
                        line.complete(next);
                    }
                    // anything else the JVM prints (a flight recording's notice) is drained and dropped
                }
                line.complete("");
            } catch (IOException e) {
                line.completeExceptionally(e);
            }
        });
        try {
            String ready = line.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (ready.isEmpty()) {
                throw new IllegalStateException("the second JVM ended before it was ready (exit "
                        + (process.isAlive() ? "none yet" : process.exitValue()) + ")");
            }
            return new SecondJvm(process);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException("interrupted while starting the second JVM", e);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            process.destroyForcibly();
            throw new IllegalStateException("the second JVM was not ready within " + START_TIMEOUT, e);
        }
    }

    /** Closes the child's input (it exits by itself), then destroys it if it is still there. */
    @Override
    public void close() {
        try {
            stdin.close();
        } catch (IOException e) {
            // the child is gone already
        }
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroy();
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
