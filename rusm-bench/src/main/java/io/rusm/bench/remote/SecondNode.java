package io.rusm.bench.remote;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * The main class of the second JVM: serves the echo process and the counting receiver of one
 * peer, prints {@value SecondJvm#READY} and what the first JVM needs to reach them, and exits
 * when its standard input closes.
 */
public final class SecondNode {

    private SecondNode() {
    }

    /**
     * Runs the second node.
     *
     * @param args the peer ({@code rusm} or {@code pekko}), then that peer's own arguments
     * @throws IOException if standard input fails
     */
    public static void main(String[] args) throws IOException {
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        AutoCloseable node = switch (args[0]) {
            case "rusm" -> RusmPair.serve(rest);
            case "pekko" -> PekkoPair.serve(rest);
            default -> throw new IllegalArgumentException("unknown peer " + args[0]);
        };
        InputStream in = System.in;
        while (in.read() >= 0) {
            // wait for the first JVM to close our input
        }
        try {
            node.close();
        } catch (Exception e) {
            e.printStackTrace();
        }
        System.exit(0);
    }
}
