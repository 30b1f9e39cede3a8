package io.rusm.bench;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * The README's spawn storm: W1 for a few seconds, printing spawns per second live.
 *
 * <pre>
 * java -cp rusm-bench/target/rusm-bench.jar io.rusm.bench.SpawnStorm [seconds] [peer] [--monitored]
 * </pre>
 *
 * <p>Seconds default to 10 and the peer to {@code rusm} (one of {@link Peer#NAMES}). A driver
 * keeps {@value W1SpawnStorm#LIVE} children live; each tells the driver it is done and exits
 * (with {@code --monitored}, just exits while the driver monitors it), and the driver replaces
 * it. Each line also shows the CPU the whole JVM used in that second, in cores. The first second
 * includes JIT warm-up; JMH's W1 is the measured figure.
 */
public final class SpawnStorm {

    private SpawnStorm() {
    }

    /**
     * Runs the storm.
     *
     * @param args {@code [seconds] [peer] [--monitored]}
     * @throws InterruptedException if interrupted while sampling
     */
    public static void main(String[] args) throws InterruptedException {
        int seconds = 10;
        String peer = "rusm";
        boolean monitored = false;
        for (String arg : args) {
            if (arg.equals("--monitored")) {
                monitored = true;
            } else if (arg.chars().allMatch(Character::isDigit)) {
                seconds = Integer.parseInt(arg);
            } else {
                peer = arg;
            }
        }
        System.out.printf(Locale.ROOT, "spawn storm: %s, %d live children, exit %s, %d s, %d cores, Java %s%n",
                peer, W1SpawnStorm.LIVE, monitored ? "seen by a monitor" : "messaged to the driver", seconds,
                java.lang.Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        var os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        try (Peer contender = Peer.create(peer)) {
            SpawnCounter counter = contender.startStorm(W1SpawnStorm.LIVE, monitored);
            long start = System.nanoTime();
            long last = start;
            long lastCount = 0;
            long lastCpu = os.getProcessCpuTime();
            for (int s = 1; s <= seconds; s++) {
                Thread.sleep(Math.max(0, (start + s * 1_000_000_000L - System.nanoTime()) / 1_000_000));
                long now = System.nanoTime();
                long count = counter.count();
                long cpu = os.getProcessCpuTime();
                System.out.printf(Locale.ROOT, "%3d s  %,12.0f spawns/s  cpu %.2f cores%n", s,
                        (count - lastCount) * 1e9 / (now - last), (double) (cpu - lastCpu) / (now - last));
                last = now;
                lastCount = count;
                lastCpu = cpu;
            }
            System.out.printf(Locale.ROOT, "total  %,d spawns in %.1f s: %,.0f spawns/s on average%n", lastCount,
                    (last - start) / 1e9, lastCount * 1e9 / (last - start));
        }
    }
}
