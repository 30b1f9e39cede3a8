package io.rusm.bench.pekko;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.rusm.bench.Latches;
import io.rusm.bench.Peer;
import io.rusm.bench.SpawnCounter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * The workloads on Apache Pekko typed. Spawn+exit is a child that messages its parent and stops
 * (or, monitored, just stops while the parent {@code watch}es it and replaces it on
 * {@link Terminated}); timers are {@code ActorSystem.scheduler().scheduleOnce}, callable from any
 * thread as {@code sendAfter} is; the registry is a {@code ConcurrentHashMap} of
 * {@code ActorRef}s, which is what Pekko users do for synchronous lookups (the
 * {@code Receptionist} is asynchronous and not comparable).
 */
public final class PekkoPeer implements Peer {

    private static final Object DONE = "done";
    private static final Object PONG = "pong";
    private static final Object ITEM = "item";
    private static final Object TICK = "tick";
    private static final String QUIET = """
            pekko.loglevel = WARNING
            pekko.stdout-loglevel = WARNING
            pekko.log-dead-letters = off
            pekko.log-dead-letters-during-shutdown = off
            """;
    private static final String TWO_THREADS = """
            pekko.actor.default-dispatcher.fork-join-executor {
              parallelism-min = 2
              parallelism-factor = 1.0
              parallelism-max = 2
            }
            """;

    private final Config config;
    private final List<ActorSystem<?>> systems = new ArrayList<>();

    /**
     * Creates the peer.
     *
     * @param twoThreads whether the default dispatcher is pinned to 2 threads (otherwise it is
     *     Pekko's default fork-join pool: parallelism between 8 and 64, 3 per core)
     */
    public PekkoPeer(boolean twoThreads) {
        this.config = ConfigFactory.parseString(QUIET + (twoThreads ? TWO_THREADS : ""))
                .withFallback(ConfigFactory.load());
    }

    private <T> ActorSystem<T> system(Behavior<T> guardian, String name) {
        ActorSystem<T> system = ActorSystem.create(guardian, name, config);
        systems.add(system);
        return system;
    }

    // ---- W1 spawn storm

    @Override
    public SpawnCounter startStorm(int live, boolean monitored) {
        SpawnCounter counter = new SpawnCounter();
        system(monitored ? watchingDriver(live, counter) : messagedDriver(live, counter), "w1-storm");
        return counter;
    }

    private static Behavior<Object> messagedDriver(int live, SpawnCounter counter) {
        return Behaviors.setup(ctx -> {
            ActorRef<Object> self = ctx.getSelf();
            Behavior<Object> child = Behaviors.setup(c -> {
                self.tell(DONE);
                return Behaviors.stopped();
            });
            for (int i = 0; i < live; i++) {
                ctx.spawnAnonymous(child);
            }
            return Behaviors.receiveMessage(done -> {
                ctx.spawnAnonymous(child);
                counter.increment();
                return Behaviors.same();
            });
        });
    }

    private static Behavior<Object> watchingDriver(int live, SpawnCounter counter) {
        return Behaviors.setup(ctx -> {
            Behavior<Object> child = Behaviors.setup(c -> Behaviors.stopped());
            for (int i = 0; i < live; i++) {
                ctx.watch(ctx.spawnAnonymous(child));
            }
            return Behaviors.receive(Object.class)
                    .onSignal(Terminated.class, down -> {
                        ctx.watch(ctx.spawnAnonymous(child));
                        counter.increment();
                        return Behaviors.same();
                    })
                    .build();
        });
    }

    // ---- W2 ping-pong

    private record Ping(ActorRef<Object> from) {
    }

    private record Go(int n, CompletableFuture<Void> done) {
    }

    /** The guardian plays the pinger; its child answers every ping with a pong. */
    private static final class Pinger extends AbstractBehavior<Object> {
        private final ActorRef<Object> ponger;
        private final Ping ping;
        private int left;
        private CompletableFuture<Void> done = CompletableFuture.completedFuture(null);

        Pinger(ActorContext<Object> ctx) {
            super(ctx);
            this.ponger = ctx.spawn(Behaviors.receiveMessage(m -> {
                ((Ping) m).from().tell(PONG);
                return Behaviors.same();
            }), "ponger");
            this.ping = new Ping(ctx.getSelf());
        }

        @Override
        public Receive<Object> createReceive() {
            return newReceiveBuilder()
                    .onMessage(Go.class, go -> {
                        left = go.n();
                        done = go.done();
                        ponger.tell(ping);
                        return this;
                    })
                    .onMessageEquals(PONG, () -> {
                        if (--left == 0) {
                            done.complete(null);
                        } else {
                            ponger.tell(ping);
                        }
                        return this;
                    })
                    .build();
        }
    }

    @Override
    public PingPong pingPong() {
        ActorSystem<Object> pinger = system(Behaviors.setup(Pinger::new), "w2-ping-pong");
        return n -> {
            Go go = new Go(n, new CompletableFuture<>());
            pinger.tell(go);
            go.done().join();
        };
    }

    // ---- W3 fan-in

    private record Round(int perProducer, CompletableFuture<Void> done) {
    }

    /** The guardian plays the consumer; on a round it starts its producer children and counts. */
    private static final class Consumer extends AbstractBehavior<Object> {
        private final List<ActorRef<Object>> producers = new ArrayList<>();
        private long left;
        private CompletableFuture<Void> done = CompletableFuture.completedFuture(null);

        Consumer(ActorContext<Object> ctx, int producerCount) {
            super(ctx);
            ActorRef<Object> self = ctx.getSelf();
            for (int i = 0; i < producerCount; i++) {
                producers.add(ctx.spawn(Behaviors.receiveMessage(m -> {
                    int n = ((Round) m).perProducer();
                    for (int k = 0; k < n; k++) {
                        self.tell(ITEM);
                    }
                    return Behaviors.same();
                }), "producer-" + i));
            }
        }

        @Override
        public Receive<Object> createReceive() {
            return newReceiveBuilder()
                    .onMessage(Round.class, round -> {
                        left = (long) producers.size() * round.perProducer();
                        done = round.done();
                        producers.forEach(p -> p.tell(round));
                        return this;
                    })
                    .onMessageEquals(ITEM, () -> {
                        if (--left == 0) {
                            done.complete(null);
                        }
                        return this;
                    })
                    .build();
        }
    }

    @Override
    public FanIn fanIn(int producers) {
        ActorSystem<Object> consumer = system(Behaviors.setup(ctx -> new Consumer(ctx, producers)), "w3-fan-in");
        return perProducer -> {
            Round round = new Round(perProducer, new CompletableFuture<>());
            consumer.tell(round);
            round.done().join();
        };
    }

    // ---- W4 idle processes

    private record SpawnIdle(int n, CountDownLatch ready, CompletableFuture<Long> spawning) {
    }

    @Override
    public IdleSpawner idleSpawner() {
        ActorSystem<Object> parent = system(Behaviors.setup(ctx -> Behaviors.receiveMessage(m -> {
            SpawnIdle order = (SpawnIdle) m;
            Behavior<Object> idle = Behaviors.setup(c -> {
                order.ready().countDown();
                return Behaviors.receiveMessage(ignored -> Behaviors.same());
            });
            long start = System.nanoTime();
            for (int i = 0; i < order.n(); i++) {
                ctx.spawnAnonymous(idle);
            }
            order.spawning().complete(System.nanoTime() - start);
            return Behaviors.same();
        })), "w4-idle");
        return n -> {
            SpawnIdle order = new SpawnIdle(n, new CountDownLatch(n), new CompletableFuture<>());
            parent.tell(order);
            long spawning = order.spawning().join();
            Latches.await(order.ready());
            return spawning;
        };
    }

    // ---- W5 timers

    @Override
    public PendingTimers timers(int capacity) {
        ActorSystem<Object> target = system(Behaviors.receiveMessage(m -> Behaviors.same()), "w5-timers");
        Runnable deliver = () -> target.tell(TICK);
        Duration hour = Duration.ofHours(1);
        Cancellable[] refs = new Cancellable[capacity];
        return new PendingTimers() {
            @Override
            public void scheduleAll() {
                var scheduler = target.scheduler();
                var executor = target.executionContext();
                for (int i = 0; i < refs.length; i++) {
                    refs[i] = scheduler.scheduleOnce(hour, deliver, executor);
                }
            }

            @Override
            public void cancelAll() {
                for (int i = 0; i < refs.length; i++) {
                    refs[i].cancel();
                    refs[i] = null;
                }
            }
        };
    }

    // ---- W6 registry

    private record SpawnTargets(int n, CompletableFuture<List<ActorRef<Object>>> refs) {
    }

    @Override
    public NameTable names(String[] names) {
        ActorSystem<Object> parent = system(Behaviors.setup(ctx -> Behaviors.receiveMessage(m -> {
            SpawnTargets order = (SpawnTargets) m;
            List<ActorRef<Object>> refs = new ArrayList<>(order.n());
            Behavior<Object> idle = Behaviors.receiveMessage(ignored -> Behaviors.same());
            for (int i = 0; i < order.n(); i++) {
                refs.add(ctx.spawnAnonymous(idle));
            }
            order.refs().complete(refs);
            return Behaviors.same();
        })), "w6-registry");
        SpawnTargets order = new SpawnTargets(names.length, new CompletableFuture<>());
        parent.tell(order);
        List<ActorRef<Object>> targets = order.refs().join();
        ConcurrentHashMap<String, ActorRef<Object>> registry = new ConcurrentHashMap<>();
        return new NameTable() {
            @Override
            public void registerAll() {
                for (int i = 0; i < names.length; i++) {
                    registry.putIfAbsent(names[i], targets.get(i));
                }
            }

            @Override
            public void unregisterAll() {
                for (String name : names) {
                    registry.remove(name);
                }
            }

            @Override
            public Object whereis(String name) {
                return registry.get(name);
            }
        };
    }

    @Override
    public void close() {
        systems.forEach(ActorSystem::terminate);
        for (ActorSystem<?> system : systems) {
            try {
                system.getWhenTerminated().toCompletableFuture().get(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("actor system " + system.name() + " did not terminate", e);
            }
        }
        systems.clear();
    }
}
