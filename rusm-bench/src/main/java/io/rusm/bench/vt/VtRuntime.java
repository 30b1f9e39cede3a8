package io.rusm.bench.vt;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import org.jspecify.annotations.Nullable;

/**
 * The baseline's whole runtime: a process table and a spawn that inserts into it before the
 * thread starts and removes from it when the thread ends, telling the watcher, if any, with a
 * {@link Down}.
 */
final class VtRuntime implements AutoCloseable {

    private final ThreadFactory threads = Thread.ofVirtual().factory();
    private final ConcurrentHashMap<Long, VtProcess> table = new ConcurrentHashMap<>();

    /** What a baseline process runs. */
    @FunctionalInterface
    interface Body {
        void run(VtProcess self) throws Exception;
    }

    /** The exit notice a watcher gets. */
    record Down(long id) {
    }

    VtProcess spawn(Body body) {
        return spawn(body, null);
    }

    VtProcess spawn(Body body, @Nullable VtProcess watcher) {
        VtProcess p = new VtProcess(watcher);
        Thread t = threads.newThread(() -> run(p, body));
        p.bind(t);
        table.put(p.id(), p);
        t.start();
        return p;
    }

    private void run(VtProcess p, Body body) {
        try {
            body.run(p);
        } catch (VtProcess.Stopped e) {
            // killed: ends like a normal return, the workloads need no exit reason
        } catch (Exception e) {
            throw new IllegalStateException("baseline process crashed", e);
        } finally {
            table.remove(p.id());
            VtProcess w = p.watcher();
            if (w != null) {
                w.deliver(new Down(p.id()));
            }
        }
    }

    /** Delivers to a process by id, through the table, as a pid-addressed send does; false if it is gone. */
    boolean send(long id, Object message) {
        VtProcess p = table.get(id);
        if (p == null) {
            return false;
        }
        p.deliver(message);
        return true;
    }

    /** Interrupts every process and waits (boundedly) until the table is empty. */
    @Override
    public void close() {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!table.isEmpty() && System.nanoTime() < deadline) {
            table.values().forEach(VtProcess::interrupt);
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
