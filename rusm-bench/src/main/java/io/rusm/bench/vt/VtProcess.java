package io.rusm.bench.vt;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * A baseline process: a virtual thread and a lock-free mailbox.
 *
 * <p>The owner polls its queue and parks only when it is empty, after announcing so in
 * {@code waiting}; a sender unparks it only when it announced it. Both sides write then read
 * volatile state (the queue's CAS, the flag), so one of them always sees the other: no lost
 * wake-up and no unpark while a message is already there.
 */
final class VtProcess {

    private final ConcurrentLinkedQueue<Object> mailbox = new ConcurrentLinkedQueue<>();
    private final @Nullable VtProcess watcher;
    private volatile boolean waiting;
    private @Nullable Thread thread;
    private long id;

    VtProcess(@Nullable VtProcess watcher) {
        this.watcher = watcher;
    }

    /** Binds the process to its (not yet started) thread; its id becomes the thread's id. */
    void bind(Thread t) {
        this.thread = t;
        this.id = t.threadId();
    }

    long id() {
        return id;
    }

    @Nullable VtProcess watcher() {
        return watcher;
    }

    void interrupt() {
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
    }

    /** Enqueues a message, waking the owner if it is parked. */
    void deliver(Object message) {
        mailbox.offer(message);
        if (waiting) {
            LockSupport.unpark(thread);
        }
    }

    /**
     * Takes the next message, parking while there is none; called by the owner only.
     *
     * @throws Stopped once the owner's thread is interrupted
     */
    Object receive() {
        Object m = mailbox.poll();
        if (m != null) {
            return m;
        }
        waiting = true;
        try {
            while ((m = mailbox.poll()) == null) {
                if (Thread.interrupted()) {
                    throw new Stopped();
                }
                LockSupport.park(this);
            }
            return m;
        } finally {
            waiting = false;
        }
    }

    /** Ends a process whose thread was interrupted: the baseline's kill. */
    static final class Stopped extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Stopped() {
            super(null, null, false, false);
        }
    }
}
