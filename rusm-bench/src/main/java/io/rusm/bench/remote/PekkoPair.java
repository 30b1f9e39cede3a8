package io.rusm.bench.remote;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.rusm.test.LoopbackPorts;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.AbstractActor;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.Props;
import org.apache.pekko.pattern.Patterns;

/**
 * W7 on Apache Pekko: two classic actor systems with Pekko remoting (Artery over TCP, the default
 * transport of Pekko 1.x) bound to 127.0.0.1, one per JVM. A call is Pekko's {@code ask} (a
 * temporary reply actor per call, as Pekko's Java API makes it), a send is {@code tell} with the
 * acknowledging actor as sender. The integers travel with Pekko's built-in {@code primitive-int}
 * serializer (bound to {@code java.lang.Integer} in Pekko's reference configuration), its
 * fastest option for this payload; Java serialization stays off.
 */
final class PekkoPair implements RemotePair {

    private static final String SYSTEM = "w7";
    private static final Duration ASK_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration FORMATION_TIMEOUT = Duration.ofMinutes(1);

    private final SecondJvm second;
    private final ActorSystem system;
    private final ActorRef echo;
    private final ActorRef sink;
    private final ActorRef acknowledgements;
    private final Credits credits = new Credits();

    PekkoPair() {
        List<Integer> ports = LoopbackPorts.free(2);
        second = SecondJvm.start(List.of("pekko", Integer.toString(ports.get(1))));
        system = ActorSystem.create(SYSTEM, config(ports.get(0)));
        String remote = "pekko://" + SYSTEM + "@127.0.0.1:" + ports.get(1) + "/user/";
        echo = resolve(remote + "echo");
        sink = resolve(remote + "sink");
        acknowledgements = system.actorOf(Props.create(Acknowledgements.class, () -> new Acknowledgements(credits)));
    }

    /**
     * Pekko remoting on loopback: Artery over TCP (the default, said explicitly), the canonical
     * address 127.0.0.1, and one inbound lane, which Pekko's reference configuration names as the
     * lowest-latency setting ("one less asynchronous boundary"; more lanes only parallelize
     * deserialization for different recipients, and this pair has one); one outbound lane is
     * already the default, for the same reason. Everything else as Pekko ships it.
     */
    static Config config(int port) {
        return ConfigFactory.parseString("""
                pekko.actor.provider = remote
                pekko.remote.artery.enabled = on
                pekko.remote.artery.transport = tcp
                pekko.remote.artery.canonical.hostname = "127.0.0.1"
                pekko.remote.artery.canonical.port = %d
                pekko.remote.artery.bind.hostname = "127.0.0.1"
                pekko.remote.artery.advanced.inbound-lanes = 1
                pekko.remote.artery.advanced.outbound-lanes = 1
                pekko.loglevel = WARNING
                pekko.stdout-loglevel = WARNING
                pekko.log-dead-letters = off
                pekko.log-dead-letters-during-shutdown = off
                pekko.coordinated-shutdown.run-by-jvm-shutdown-hook = off
                """.formatted(port)).withFallback(ConfigFactory.load());
    }

    /** Resolves a remote actor, retrying until the second system answers. */
    private ActorRef resolve(String path) {
        long deadline = System.nanoTime() + FORMATION_TIMEOUT.toNanos();
        while (true) {
            try {
                return system.actorSelection(path).resolveOne(Duration.ofSeconds(2)).toCompletableFuture().get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while resolving " + path, e);
            } catch (ExecutionException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("cannot reach " + path + " within " + FORMATION_TIMEOUT, e);
                }
            }
        }
    }

    @Override
    public Object call() {
        try {
            return Patterns.ask(echo, REQUEST, ASK_TIMEOUT).toCompletableFuture().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the ask failed", e.getCause());
        }
    }

    @Override
    public void send(int n) {
        credits.sendAll(n, () -> sink.tell(MESSAGE, acknowledgements));
    }

    @Override
    public void close() {
        terminate(system);
        second.close();
    }

    private static void terminate(ActorSystem system) {
        system.terminate();
        try {
            system.getWhenTerminated().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // terminated as far as this benchmark is concerned
        }
    }

    /**
     * The second JVM's actor system: {@code /user/echo} answers every message to its sender,
     * {@code /user/sink} acknowledges every {@link Credits#ACK_EVERY} messages to their sender.
     *
     * @param args the port to bind
     * @return what to close when the first JVM is done
     */
    static AutoCloseable serve(String[] args) {
        ActorSystem system = ActorSystem.create(SYSTEM, config(Integer.parseInt(args[0])));
        system.actorOf(Props.create(Echo.class, Echo::new), "echo");
        system.actorOf(Props.create(Sink.class, Sink::new), "sink");
        System.out.println(SecondJvm.READY);
        System.out.flush();
        return () -> terminate(system);
    }

    /** Answers every message with itself. */
    static final class Echo extends AbstractActor {
        @Override
        public Receive createReceive() {
            return receiveBuilder().matchAny(message -> getSender().tell(message, getSelf())).build();
        }
    }

    /** Counts messages and acknowledges them to their sender every {@link Credits#ACK_EVERY}. */
    static final class Sink extends AbstractActor {
        private static final Integer ACK = Credits.ACK_EVERY;
        private long count;

        @Override
        public Receive createReceive() {
            return receiveBuilder().matchAny(message -> {
                if (++count % Credits.ACK_EVERY == 0) {
                    getSender().tell(ACK, getSelf());
                }
            }).build();
        }
    }

    /** Gives the sender its credits back. */
    static final class Acknowledgements extends AbstractActor {
        private final Credits credits;

        Acknowledgements(Credits credits) {
            this.credits = credits;
        }

        @Override
        public Receive createReceive() {
            return receiveBuilder().match(Integer.class, credits::acknowledged).build();
        }
    }
}
