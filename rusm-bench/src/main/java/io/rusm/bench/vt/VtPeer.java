package io.rusm.bench.vt;

import io.rusm.bench.Latches;
import io.rusm.bench.Peer;
import io.rusm.bench.SpawnCounter;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The workloads on raw virtual threads: what any runtime on virtual threads pays at least.
 * Sends go through the process table by id, as a pid-addressed send does; timers are a
 * {@link ScheduledThreadPoolExecutor} (one thread) that delivers into the mailbox; the registry
 * is a {@code ConcurrentHashMap} of names.
 */
public final class VtPeer implements Peer {

    private static final Object DONE = "done";
    private static final Object PONG = "pong";
    private static final Object ITEM = "item";
    private static final Object TICK = "tick";

    private final VtRuntime runtime = new VtRuntime();
    private @Nullable ScheduledThreadPoolExecutor timerThread;

    /** Creates the peer; it owns one process table. */
    public VtPeer() {
    }

    @Override
    public SpawnCounter startStorm(int live, boolean monitored) {
        SpawnCounter counter = new SpawnCounter();
        runtime.spawn(driver -> {
            long self = driver.id();
            VtRuntime.Body child = monitored ? c -> { } : c -> runtime.send(self, DONE);
            VtProcess watcher = monitored ? driver : null;
            for (int i = 0; i < live; i++) {
                runtime.spawn(child, watcher);
            }
            while (true) {
                driver.receive();
                runtime.spawn(child, watcher);
                counter.increment();
            }
        });
        return counter;
    }

    private record Ping(long from) {
    }

    private record Go(int n, CompletableFuture<Void> done) {
    }

    @Override
    public PingPong pingPong() {
        VtProcess ponger = runtime.spawn(self -> {
            while (true) {
                Ping ping = (Ping) self.receive();
                runtime.send(ping.from(), PONG);
            }
        });
        long pongerId = ponger.id();
        VtProcess pinger = runtime.spawn(self -> {
            Ping ping = new Ping(self.id());
            while (true) {
                Go go = (Go) self.receive();
                for (int i = 0; i < go.n(); i++) {
                    runtime.send(pongerId, ping);
                    self.receive();
                }
                go.done().complete(null);
            }
        });
        long pingerId = pinger.id();
        return n -> {
            Go go = new Go(n, new CompletableFuture<>());
            runtime.send(pingerId, go);
            go.done().join();
        };
    }

    private record Round(int perProducer, CompletableFuture<Void> done) {
    }

    @Override
    public FanIn fanIn(int producers) {
        long[] producerIds = new long[producers];
        VtProcess consumer = runtime.spawn(self -> {
            while (true) {
                Round round = (Round) self.receive();
                for (long producer : producerIds) {
                    runtime.send(producer, round);
                }
                for (long left = (long) producers * round.perProducer(); left > 0; left--) {
                    self.receive();
                }
                round.done().complete(null);
            }
        });
        long consumerId = consumer.id();
        for (int i = 0; i < producers; i++) {
            producerIds[i] = runtime.spawn(self -> {
                while (true) {
                    Round round = (Round) self.receive();
                    for (int k = 0; k < round.perProducer(); k++) {
                        runtime.send(consumerId, ITEM);
                    }
                }
            }).id();
        }
        return perProducer -> {
            Round round = new Round(perProducer, new CompletableFuture<>());
            runtime.send(consumerId, round);
            round.done().join();
        };
    }

    @Override
    public IdleSpawner idleSpawner() {
        return n -> {
            CountDownLatch ready = new CountDownLatch(n);
            VtRuntime.Body idle = self -> {
                ready.countDown();
                self.receive();
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
        VtProcess target = runtime.spawn(self -> {
            while (true) {
                self.receive();
            }
        });
        long targetId = target.id();
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1);
        executor.setRemoveOnCancelPolicy(true);
        timerThread = executor;
        Runnable deliver = () -> runtime.send(targetId, TICK);
        ScheduledFuture<?>[] refs = new ScheduledFuture<?>[capacity];
        return new PendingTimers() {
            @Override
            public void scheduleAll() {
                for (int i = 0; i < refs.length; i++) {
                    refs[i] = executor.schedule(deliver, 1, TimeUnit.HOURS);
                }
            }

            @Override
            public void cancelAll() {
                for (int i = 0; i < refs.length; i++) {
                    refs[i].cancel(false);
                    refs[i] = null;
                }
            }
        };
    }

    @Override
    public NameTable names(String[] names) {
        VtProcess[] processes = new VtProcess[names.length];
        CountDownLatch ready = new CountDownLatch(names.length);
        for (int i = 0; i < names.length; i++) {
            processes[i] = runtime.spawn(self -> {
                ready.countDown();
                self.receive();
            });
        }
        Latches.await(ready);
        ConcurrentHashMap<String, VtProcess> registry = new ConcurrentHashMap<>();
        return new NameTable() {
            @Override
            public void registerAll() {
                for (int i = 0; i < names.length; i++) {
                    registry.putIfAbsent(names[i], processes[i]);
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
        if (timerThread != null) {
            timerThread.shutdownNow();
        }
        runtime.close();
    }
}
