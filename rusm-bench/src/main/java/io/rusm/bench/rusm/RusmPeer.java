package io.rusm.bench.rusm;

import io.rusm.bench.Latches;
import io.rusm.bench.Peer;
import io.rusm.bench.SpawnCounter;
import io.rusm.core.Context;
import io.rusm.core.Pid;
import io.rusm.core.ProcessBody;
import io.rusm.core.Runtime;
import io.rusm.core.TimerRef;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

/**
 * The workloads on rusm: one {@link Runtime} with default settings (no mailbox depth tracking,
 * no capacity, lifecycle log off), used only through its public API.
 */
public final class RusmPeer implements Peer {

    private static final Object DONE = "done";
    private static final Object PONG = "pong";
    private static final Object ITEM = "item";
    private static final Object TICK = "tick";

    private final Runtime runtime;

    /** Whether W4's idle processes and W2's ponger hibernate instead of blocking in receive. */
    private final boolean hibernateWhenIdle;

    /** Creates the peer and its runtime. */
    public RusmPeer() {
        this(Runtime.create());
    }

    /**
     * Creates the peer on a runtime of its own settings.
     * @param runtime the runtime, owned by the peer from now on
     */
    public RusmPeer(Runtime runtime) {
        this(runtime, false);
    }

    private RusmPeer(Runtime runtime, boolean hibernateWhenIdle) {
        this.runtime = runtime;
        this.hibernateWhenIdle = hibernateWhenIdle;
    }

    /**
     * The peer {@code rusm-hibernating}: the same runtime, whose idle processes wait in
     * {@code Context.hibernate} (no thread, woken by the next message) rather than blocked in
     * {@code receive}, as an Erlang process in {@code erlang:hibernate/3} does.
     * @return the peer
     */
    public static RusmPeer hibernating() {
        return new RusmPeer(Runtime.create(), true);
    }

    /**
     * The peer {@code rusm-traced}: every message carries a context snapshot, restored while its
     * receiver handles it (the most a {@code ContextPropagator} can cost), for the off/on comparison.
     * @return the peer
     */
    public static RusmPeer traced() {
        return new RusmPeer(Runtime.builder().contextPropagator(new EveryMessagePropagator()).build());
    }

    @Override
    public SpawnCounter startStorm(int live, boolean monitored) {
        SpawnCounter counter = new SpawnCounter();
        runtime.spawn(ctx -> {
            Runtime rt = ctx.runtime();
            Pid self = ctx.self();
            if (monitored) {
                ProcessBody child = c -> { };
                for (int i = 0; i < live; i++) {
                    ctx.monitor(rt.spawn(child).pid());
                }
                while (true) {
                    ctx.receive(); // a Signal.Down
                    ctx.monitor(rt.spawn(child).pid());
                    counter.increment();
                }
            } else {
                ProcessBody child = c -> c.runtime().send(self, DONE);
                for (int i = 0; i < live; i++) {
                    rt.spawn(child);
                }
                while (true) {
                    ctx.receive();
                    rt.spawn(child);
                    counter.increment();
                }
            }
        });
        return counter;
    }

    private record Ping(Pid from) {
    }

    private record Go(int n, CompletableFuture<Void> done) {
    }

    @Override
    public PingPong pingPong() {
        Pid ponger = runtime.spawn(hibernateWhenIdle ? hibernatingPonger() : ctx -> {
            Runtime rt = ctx.runtime();
            while (true) {
                Ping ping = (Ping) ctx.receive();
                rt.send(ping.from(), PONG);
            }
        }).pid();
        Pid pinger = runtime.spawn(ctx -> {
            Runtime rt = ctx.runtime();
            Ping ping = new Ping(ctx.self());
            while (true) {
                Go go = (Go) ctx.receive();
                for (int i = 0; i < go.n(); i++) {
                    rt.send(ponger, ping);
                    ctx.receive();
                }
                go.done().complete(null);
            }
        }).pid();
        return n -> {
            Go go = new Go(n, new CompletableFuture<>());
            runtime.send(pinger, go);
            go.done().join();
        };
    }

    /** Answers one ping, then hibernates until the next: every round trip wakes it on a new thread. */
    private static ProcessBody hibernatingPonger() {
        return new ProcessBody() {
            @Override
            public void run(Context ctx) {
                Ping ping = (Ping) ctx.receive();
                ctx.runtime().send(ping.from(), PONG);
                ctx.hibernate(this);
            }
        };
    }

    private record Round(int perProducer, CompletableFuture<Void> done) {
    }

    @Override
    public FanIn fanIn(int producers) {
        Pid[] producerPids = new Pid[producers];
        Pid consumer = runtime.spawn(ctx -> {
            Runtime rt = ctx.runtime();
            while (true) {
                Round round = (Round) ctx.receive();
                for (Pid producer : producerPids) {
                    rt.send(producer, round);
                }
                for (long left = (long) producers * round.perProducer(); left > 0; left--) {
                    ctx.receive();
                }
                round.done().complete(null);
            }
        }).pid();
        for (int i = 0; i < producers; i++) {
            producerPids[i] = runtime.spawn(ctx -> {
                Runtime rt = ctx.runtime();
                while (true) {
                    Round round = (Round) ctx.receive();
                    for (int k = 0; k < round.perProducer(); k++) {
                        rt.send(consumer, ITEM);
                    }
                }
            }).pid();
        }
        return perProducer -> {
            Round round = new Round(perProducer, new CompletableFuture<>());
            runtime.send(consumer, round);
            round.done().join();
        };
    }

    @Override
    public IdleSpawner idleSpawner() {
        return n -> {
            CountDownLatch ready = new CountDownLatch(n);
            ProcessBody waiting = Context::receive;
            ProcessBody idle = hibernateWhenIdle
                    ? ctx -> {
                        ready.countDown();
                        ctx.hibernate(waiting);
                    }
                    : ctx -> {
                        ready.countDown();
                        ctx.receive();
                    };
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                runtime.spawn(idle);
            }
            long spawning = System.nanoTime() - start;
            Latches.await(ready);
            return spawning;
        };
    }

    @Override
    public PendingTimers timers(int capacity) {
        Pid target = runtime.spawn(ctx -> {
            while (true) {
                ctx.receive();
            }
        }).pid();
        Duration hour = Duration.ofHours(1);
        TimerRef[] refs = new TimerRef[capacity];
        return new PendingTimers() {
            @Override
            public void scheduleAll() {
                for (int i = 0; i < refs.length; i++) {
                    refs[i] = runtime.sendAfter(target, hour, TICK);
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

    @Override
    public NameTable names(String[] names) {
        Pid[] pids = new Pid[names.length];
        CountDownLatch ready = new CountDownLatch(names.length);
        ProcessBody idle = ctx -> {
            ready.countDown();
            ctx.receive();
        };
        for (int i = 0; i < names.length; i++) {
            pids[i] = runtime.spawn(idle).pid();
        }
        Latches.await(ready);
        return new NameTable() {
            @Override
            public void registerAll() {
                for (int i = 0; i < names.length; i++) {
                    runtime.register(names[i], pids[i]);
                }
            }

            @Override
            public void unregisterAll() {
                for (String name : names) {
                    runtime.unregister(name);
                }
            }

            @Override
            public Object whereis(String name) {
                return runtime.whereis(name).orElseThrow();
            }
        };
    }

    @Override
    public void close() {
        runtime.shutdown();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (runtime.processCount() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        runtime.close();
    }
}
