package io.rusm.bench;

import org.openjdk.jmh.annotations.Fork;

/**
 * The forks of the workloads that start Hazelcast members (W7), inherited by their benchmark
 * classes: a fixed, pre-touched heap, quiet logging, and the JDK internals Hazelcast opens for its
 * best performance (as the cluster module's tests give them).
 */
@Fork(value = 3, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch",
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "--add-modules", "java.se",
        "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED", "--add-opens", "java.base/java.lang=ALL-UNNAMED",
        "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens", "java.management/sun.management=ALL-UNNAMED",
        "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED"})
public abstract class HazelcastForks {

    /** For subclasses. */
    protected HazelcastForks() {
    }
}
