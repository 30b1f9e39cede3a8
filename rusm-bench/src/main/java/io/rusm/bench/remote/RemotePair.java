package io.rusm.bench.remote;

/**
 * Two nodes of one peer (rusm or Pekko) in two JVMs on loopback: this JVM's node, and a second JVM
 * whose node runs an echo process (for calls) and a counting receiver (for sends).
 */
public interface RemotePair extends AutoCloseable {

    /** The request of every call; both peers serialize it with their built-in integer serializer. */
    Integer REQUEST = 7;

    /** The message of every send. */
    Integer MESSAGE = 1;

    /** Creates the pair of a peer: {@code rusm} or {@code pekko}. */
    static RemotePair create(String peer) {
        return switch (peer) {
            case "rusm" -> new RusmPair();
            case "pekko" -> new PekkoPair();
            default -> throw new IllegalArgumentException("unknown W7 peer '" + peer + "', expected rusm or pekko");
        };
    }

    /** One call to the echo process in the other JVM; returns its reply. */
    Object call();

    /**
     * Sends {@code n} messages to the receiver in the other JVM; returns once it has counted them all.
     *
     * @param n a multiple of the receiver's acknowledgement group, {@value Credits#ACK_EVERY}
     */
    void send(int n);

    /** Stops this node and the second JVM. */
    @Override
    void close();
}
