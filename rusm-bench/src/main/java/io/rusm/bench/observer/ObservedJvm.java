package io.rusm.bench.observer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * The {@link ObservedApplication} in a JVM of its own (the probe's JDK and class path), and the
 * line protocol to it: where it listens, and its process CPU time on request.
 */
final class ObservedJvm implements AutoCloseable {

    private final Process process;

    private final BufferedReader out;

    private final PrintWriter in;

    private final int port;

    private final String pidNumber;

    /**
     * Starts the application and waits until it is populated.
     *
     * @param processes the live processes to spawn
     * @param churn short-lived processes spawned per second
     * @param jfr where the JVM records a flight recording, or {@code null} for none
     * @throws IOException if the JVM cannot be started or ends early
     */
    ObservedJvm(int processes, int churn, @Nullable Path jfr) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xms2g", "-Xmx2g"));
        if (jfr != null) {
            command.add("-XX:StartFlightRecording=filename=" + jfr.toAbsolutePath() + ",settings=profile");
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ObservedApplication.class.getName(),
                Integer.toString(processes), Integer.toString(churn)));
        this.process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        this.out = new BufferedReader(new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8));
        this.in = new PrintWriter(this.process.getOutputStream(), true, StandardCharsets.UTF_8);
        String[] ready = expect("ready ").split(" ");
        this.port = Integer.parseInt(ready[1]);
        this.pidNumber = ready[2];
    }

    /** The operating system's id of the JVM. */
    long pid() {
        return this.process.pid();
    }

    int port() {
        return this.port;
    }

    /** The number of one live process's pid, such as {@code 42} for {@code <0.42.0>}. */
    String pidNumber() {
        return this.pidNumber;
    }

    /** The JVM's process CPU time and the bytes its threads allocated, so far. */
    Usage usage() {
        this.in.println("cpu");
        try {
            String[] answer = expect("cpu ").split(" ");
            return new Usage(Long.parseLong(answer[1]), Long.parseLong(answer[2]));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Reads lines until one starts with the prefix; others (the application's own output) are passed on. */
    private String expect(String prefix) throws IOException {
        for (String line = this.out.readLine(); line != null; line = this.out.readLine()) {
            if (line.startsWith(prefix)) {
                return line;
            }
            System.err.println("[observed] " + line);
        }
        throw new IOException("the observed application ended (exit " + this.process.exitValue() + ")");
    }

    /**
     * What the JVM used so far.
     *
     * @param cpuNanos its process CPU time
     * @param allocatedBytes the bytes its threads allocated
     */
    record Usage(long cpuNanos, long allocatedBytes) {

        /** What was used since an earlier reading. */
        Usage since(Usage earlier) {
            return new Usage(this.cpuNanos - earlier.cpuNanos, this.allocatedBytes - earlier.allocatedBytes);
        }
    }

    @Override
    public void close() throws InterruptedException {
        this.in.close();
        if (!this.process.waitFor(Duration.ofSeconds(60).toSeconds(), TimeUnit.SECONDS)) {
            this.process.destroyForcibly();
        }
    }
}
