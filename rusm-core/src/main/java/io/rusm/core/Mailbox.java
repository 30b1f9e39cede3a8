package io.rusm.core;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

/**
 * A process's mailbox: a multi-producer, single-consumer linked queue (Vyukov's intrusive list),
 * the owner's parking while it is empty, and the save queue of selective receive.
 *
 * <p>A sender appends with one atomic swap and wakes the owner only if the owner announced that
 * it waits: parked on its thread, or hibernating without one (then the sender that takes the
 * announcement starts the owner's next thread). The mailbox is the process object's own
 * superclass, and that object is the queue's stub node, so an idle process carries no allocation
 * for its mailbox. Depth is counted only when the {@link MailboxPolicy} asks for it.
 */
abstract class Mailbox extends MailboxNode {

	private static final VarHandle TAIL;

	private static final VarHandle WAITING;

	private static final VarHandle DEPTH;

	static {
		try {
			MethodHandles.Lookup lookup = MethodHandles.lookup();
			TAIL = lookup.findVarHandle(Mailbox.class, "tail", MailboxNode.class);
			WAITING = lookup.findVarHandle(Mailbox.class, "waiting", byte.class);
			DEPTH = lookup.findVarHandle(Mailbox.class, "depth", int.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	/** {@link #waiting}: the owner is running, or about to look at the queue again. */
	private static final byte RUNNING = 0;

	/** {@link #waiting}: the owner's thread is parked (or about to park) on an empty queue. */
	private static final byte PARKED = 1;

	/** {@link #waiting}: the owner has no thread; whoever takes this state starts one. */
	private static final byte HIBERNATING = 2;

	final MailboxPolicy policy;

	/** Producers' end of the queue; starts at this object, the stub. */
	private volatile MailboxNode tail = this;

	/** Consumer's end of the queue: the last node taken. */
	private MailboxNode head = this;

	/**
	 * What the owner announced before it last looked at the queue and found it empty: {@link #PARKED}
	 * or {@link #HIBERNATING}. A waker swaps it back to {@link #RUNNING}, so exactly one waker acts
	 * on each announcement. A byte, as the boolean it replaced: an int would grow every process object
	 * by 8 bytes of alignment.
	 */
	private volatile byte waiting;

	/** Items sent but not yet received; maintained only when the policy tracks depth. */
	private volatile int depth;

	/** The owner's {@link SpinRule} state: how long it spins on an empty queue before it parks. */
	private int spin;

	/** Items skipped by a selective receive, in arrival order; created on first use. */
	private @Nullable ArrayDeque<Object> saved;

	/** The context restored for the message being handled, when a propagator restored one. */
	private ContextPropagator.@Nullable Scope restored;

	Mailbox(MailboxPolicy policy) {
		this.policy = policy;
	}

	/**
	 * The thread that consumes this mailbox, unparked when an item arrives; {@code null} while the
	 * owner hibernates.
	 */
	abstract @Nullable Thread owner();

	/** Starts the hibernating owner on a new thread; called by the one waker that took its announcement. */
	abstract void resume();

	/** Throws if the owner has been told to exit; called before and after every wait. */
	abstract void checkExit();

	/** Whether the owner has been told to exit, without throwing; ends a spin early. */
	abstract boolean isExitStaged();

	/** Lets the owner react to an item it is about to return from a receive. */
	abstract void received(Object item);

	// ---------------------------------------------------------------- producer side

	/** Delivers a user message, subject to the policy's capacity. */
	final Delivery deliver(Object message) {
		if (!admit()) {
			return Delivery.SHED;
		}
		enqueue(this.policy.carry(message));
		return Delivery.DELIVERED;
	}

	/**
	 * Delivers a user message whose sender's context was captured earlier (a timer's, when it was
	 * set), or that carries none; shed past the capacity like any user message.
	 */
	final Delivery deliverCarried(Object item) {
		if (!admit()) {
			return Delivery.SHED;
		}
		enqueue(item);
		return Delivery.DELIVERED;
	}

	/** Counts a user message in, unless the mailbox is at its capacity (then it is shed and counted). */
	private boolean admit() {
		int capacity = this.policy.capacity;
		if (capacity > 0) {
			int current;
			do {
				current = this.depth;
				if (current >= capacity) {
					this.policy.countDropped();
					return false;
				}
			}
			while (!DEPTH.compareAndSet(this, current, current + 1));
		}
		else if (this.policy.trackDepth) {
			DEPTH.getAndAdd(this, 1);
		}
		return true;
	}

	/** Delivers a system item (exit signals, monitor downs), which is never shed. */
	final void deliverSignal(Object signal) {
		if (this.policy.trackDepth) {
			DEPTH.getAndAdd(this, 1);
		}
		enqueue(signal);
	}

	private void enqueue(Object item) {
		MailboxNode node = new MailboxNode(item);
		MailboxNode previous = (MailboxNode) TAIL.getAndSet(this, node);
		previous.next = node;
		byte announced = this.waiting;
		if (announced != RUNNING && WAITING.compareAndSet(this, announced, RUNNING)) {
			if (announced == HIBERNATING) {
				resume();
			}
			else {
				Thread owner = owner();
				if (owner != null) {
					LockSupport.unpark(owner);
				}
			}
		}
	}

	/**
	 * Takes a hibernating owner's announcement for someone who must wake it without a message (an
	 * exit staged while it has no thread).
	 * @return whether the caller took it, and so must {@link #resume()} the owner
	 */
	final boolean takeHibernation() {
		return this.waiting == HIBERNATING && WAITING.compareAndSet(this, HIBERNATING, RUNNING);
	}

	/** Items waiting, or {@link ProcessInfo#UNTRACKED} unless the policy tracks them. */
	final int depth() {
		return this.policy.trackDepth ? this.depth : ProcessInfo.UNTRACKED;
	}

	// ---------------------------------------------------------------- consumer side

	/** Takes the oldest item, waiting as long as it takes. */
	final Object takeNext() {
		if (this.restored != null) {
			closeRestored();
		}
		ArrayDeque<Object> saved = this.saved;
		if (saved != null && !saved.isEmpty()) {
			checkExit();
			return consumed(saved.poll());
		}
		return consumed(Objects.requireNonNull(take(Long.MAX_VALUE)));
	}

	/**
	 * Takes the oldest item {@code matcher} accepts, leaving the others in arrival order.
	 * @param deadline a {@link System#nanoTime()} deadline, or {@link Long#MAX_VALUE} for none
	 * @return the item, or {@code null} if none came before the deadline
	 */
	final @Nullable Object takeMatching(Predicate<Object> matcher, long deadline) {
		if (this.restored != null) {
			closeRestored();
		}
		if (this.policy.propagator != null) {
			return takeMatchingUnwrapped(matcher, deadline);
		}
		return takeSaved(matcher, deadline);
	}

	/** Selective receive where items may be {@link Carried}: the matcher sees the messages. */
	private @Nullable Object takeMatchingUnwrapped(Predicate<Object> matcher, long deadline) {
		return takeSaved((item) -> matcher.test(Carried.unwrap(item)), deadline);
	}

	private @Nullable Object takeSaved(Predicate<Object> matcher, long deadline) {
		checkExit();
		ArrayDeque<Object> saved = this.saved;
		if (saved != null && !saved.isEmpty()) {
			Iterator<Object> candidates = saved.iterator();
			while (candidates.hasNext()) {
				Object candidate = candidates.next();
				if (matcher.test(candidate)) {
					candidates.remove();
					return consumed(candidate);
				}
			}
		}
		for (;;) {
			Object item = take(deadline);
			if (item == null) {
				return null;
			}
			if (matcher.test(item)) {
				return consumed(item);
			}
			if (this.saved == null) {
				this.saved = new ArrayDeque<>();
			}
			this.saved.add(item);
		}
	}

	private @Nullable Object poll() {
		MailboxNode next = this.head.next;
		if (next == null) {
			return null;
		}
		this.head.next = null;
		this.head = next;
		Object item = next.item;
		next.item = null;
		return item;
	}

	/**
	 * Takes the next item from the queue, parking until one arrives or the deadline passes; on an
	 * empty queue the owner first spins as long as the {@link SpinRule} allows.
	 */
	private @Nullable Object take(long deadline) {
		for (;;) {
			checkExit();
			Object item = poll();
			if (item != null) {
				return item;
			}
			if (SpinRule.CAN_SPIN) {
				item = spin(deadline);
				if (item != null) {
					return item;
				}
			}
			this.waiting = PARKED;
			item = poll();
			if (item != null) {
				this.waiting = RUNNING;
				return item;
			}
			checkExit();
			long parkedAt = SpinRule.CAN_SPIN ? System.nanoTime() : 0L;
			if (deadline == Long.MAX_VALUE) {
				LockSupport.park(this);
			}
			else {
				long remaining = deadline - System.nanoTime();
				if (remaining <= 0) {
					this.waiting = RUNNING;
					return null;
				}
				LockSupport.parkNanos(this, remaining);
			}
			this.waiting = RUNNING;
			if (SpinRule.CAN_SPIN) {
				this.spin = SpinRule.woke(this.spin, System.nanoTime() - parkedAt);
			}
			if (Thread.interrupted()) {
				checkExit();
			}
		}
	}

	/**
	 * Polls the empty queue for the spin budget (without announcing a park, so senders skip the
	 * unpark), ending early at the deadline or when the owner is told to exit.
	 * @return the item, or {@code null} if none came
	 */
	private @Nullable Object spin(long deadline) {
		int state = this.spin;
		int budget = SpinRule.budget(state);
		if (budget == 0) {
			return null;
		}
		long start = System.nanoTime();
		long end = Math.min(deadline, start + budget);
		long now = start;
		while (now < end && !isExitStaged()) {
			Thread.onSpinWait();
			Object item = poll();
			if (item != null) {
				this.spin = SpinRule.caught(state);
				return item;
			}
			now = System.nanoTime();
		}
		this.spin = SpinRule.missed(state);
		return null;
	}

	/**
	 * Announces that the owner lets its thread go, unless something already waits for it: an item
	 * queued or saved, or an exit staged. Called by the owner with its thread already given up.
	 * @return {@code true} if the thread may end (the owner hibernates, or a waker already took
	 * the announcement and starts the next thread); {@code false} if the owner took it back and
	 * must go on on this thread
	 */
	final boolean announceHibernation() {
		this.waiting = HIBERNATING;
		ArrayDeque<Object> saved = this.saved;
		boolean pending = this.head.next != null || (saved != null && !saved.isEmpty()) || isExitStaged();
		return !pending || !WAITING.compareAndSet(this, HIBERNATING, RUNNING);
	}

	private Object consumed(Object item) {
		if (this.policy.trackDepth) {
			DEPTH.getAndAdd(this, -1);
		}
		Object message = item;
		if (item instanceof Carried carried) {
			this.restored = Objects.requireNonNull(this.policy.propagator).restore(carried.snapshot());
			message = carried.message();
		}
		received(message);
		return message;
	}

	/** Ends the context restored for the message handled last; on the owner's thread. */
	final void closeRestored() {
		ContextPropagator.Scope scope = this.restored;
		this.restored = null;
		if (scope != null) {
			scope.close();
		}
	}
}
