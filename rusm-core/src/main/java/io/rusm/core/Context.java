package io.rusm.core;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A process's view of itself, handed to its {@link ProcessBody}: its pid, its mailbox, and
 * shortcuts for what a process does to itself.
 *
 * <p>Everything a process receives comes through its mailbox in arrival order: user messages,
 * {@link Call} requests, {@link StreamHandle streams} and {@link Signal system signals}. A typical
 * body is a loop over {@code receive()} with a {@code switch}:
 * <pre>{@code
 * ProcessBody counter = ctx -> {
 *     int count = 0;
 *     while (true) {
 *         switch (ctx.receive()) {
 *             case Call call when call.request().equals("get") -> call.reply(count);
 *             case Integer increment -> count += increment;
 *             case Signal.Exit exit -> { return; }
 *             default -> { }
 *         }
 *     }
 * };
 * }</pre>
 *
 * <p>The receive and sleep methods may only be called by the process itself (on its own thread).
 * They throw {@link ProcessExitException} once the process has been killed, and keep throwing if
 * the body catches it. {@link #kill(Pid)}, {@link #killTag(String)} and {@link #exit(Pid, ExitReason)}
 * need {@link Capability#PROCESS_CONTROL}.
 *
 * <p><strong>A body that never blocks cannot be stopped.</strong> A kill stages the exit reason
 * and interrupts the thread; the process ends at its next blocking runtime call. Virtual threads
 * are not pre-empted, so a loop that never blocks ignores the kill (its {@link ProcessInfo} shows
 * it {@link ProcessInfo.State#EXITING EXITING}, and {@link Runtime#stackTrace(Pid)} shows where),
 * and also keeps its carrier thread from every other process: two such loops on a 2-core machine
 * starve the whole runtime. In a long computation, call {@link #checkExit()} now and then (it
 * costs a volatile read), and {@link Thread#yield()} in a busy loop, so others get the carrier:
 * <pre>{@code
 * for (Chunk chunk : chunks) {
 *     ctx.checkExit();
 *     crunch(chunk);
 * }
 * }</pre>
 *
 * @since 0.1.0
 */
public sealed interface Context permits ProcessContext {

	/**
	 * This process's pid.
	 * @return the pid
	 */
	Pid self();

	/**
	 * The runtime this process runs in.
	 * @return the runtime
	 */
	Runtime runtime();

	/**
	 * The capabilities this process holds.
	 * @return its capabilities
	 */
	Set<Capability> capabilities();

	/**
	 * Takes the next item from the mailbox, waiting as long as it takes.
	 * @return the oldest item not yet received
	 * @throws ProcessExitException if the process has been told to exit
	 */
	Object receive();

	/**
	 * Takes the next item from the mailbox, waiting at most {@code timeout}.
	 * @param timeout how long to wait; zero only looks
	 * @return the item, or empty if none arrived in time
	 * @throws ProcessExitException if the process has been told to exit
	 */
	Optional<Object> receive(Duration timeout);

	/**
	 * Takes the oldest item that {@code matcher} accepts, waiting as long as it takes. Items it
	 * rejects stay in the mailbox in their arrival order (Erlang's selective receive).
	 * @param matcher which item to take
	 * @return the item
	 * @throws ProcessExitException if the process has been told to exit
	 */
	Object receive(Predicate<Object> matcher);

	/**
	 * Takes the oldest item that {@code matcher} accepts, waiting at most {@code timeout}; rejected
	 * items keep their place.
	 * @param matcher which item to take
	 * @param timeout how long to wait
	 * @return the item, or empty if none arrived in time
	 * @throws ProcessExitException if the process has been told to exit
	 */
	Optional<Object> receive(Predicate<Object> matcher, Duration timeout);

	/**
	 * Takes the oldest message of type {@code type}, waiting as long as it takes; messages of other
	 * types stay in the mailbox in their arrival order.
	 * @param <T> the type
	 * @param type the class of the message to take
	 * @return the message
	 * @throws ProcessExitException if the process has been told to exit
	 */
	<T> T receive(Class<T> type);

	/**
	 * Takes the oldest message of type {@code type}, waiting at most {@code timeout}; messages of
	 * other types keep their place.
	 * @param <T> the type
	 * @param type the class of the message to take
	 * @param timeout how long to wait
	 * @return the message, or empty if none arrived in time
	 * @throws ProcessExitException if the process has been told to exit
	 */
	<T> Optional<T> receive(Class<T> type, Duration timeout);

	/**
	 * Ends this process now if it has been told to exit, by throwing {@link ProcessExitException}
	 * (which the body should let pass). Every blocking call does this by itself; call it in long
	 * computations that never block, which could not be stopped otherwise. Costs a volatile read.
	 * @throws ProcessExitException if the process has been told to exit
	 */
	void checkExit();

	/**
	 * Sends {@code message} to {@code pid}; the same as {@link Runtime#send(Pid, Object)}.
	 * @param pid the recipient
	 * @param message any object but {@code null}
	 * @return whether it landed in a live process's mailbox
	 */
	boolean send(Pid pid, Object message);

	/**
	 * Sends {@code message} to the process registered as {@code name}; the same as
	 * {@link Runtime#sendNamed(String, Object)}.
	 * @param name the registered name
	 * @param message any object but {@code null}
	 * @return whether it landed in a live process's mailbox
	 */
	boolean sendNamed(String name, Object message);

	/**
	 * Hibernates this process once the body returns, as Erlang's {@code erlang:hibernate/3} does: it
	 * lets its virtual thread and the thread's stack go, keeping only its pid, mailbox, names, tags,
	 * links, monitors and timers, and the next message (or exit signal) starts {@code next} on a new
	 * virtual thread. For a process that waits long between messages (a session, a device, an
	 * entity), this makes the idle process a fraction of one blocked in {@link #receive()}: a
	 * parked virtual thread of JDK 25 holds about 600 bytes.
	 *
	 * <p>The call only records {@code next}; the process hibernates when the running body returns
	 * normally, and does not hibernate at all if something is already waiting (then {@code next}
	 * runs at once, on the same thread). {@code next} finds the mailbox as the body left it, messages
	 * skipped by a selective receive included, and carries its state in what it captures:
	 * <pre>{@code
	 * static ProcessBody waiting(Cart cart) {
	 *     return ctx -> {
	 *         Object message = ctx.receive(); // there is one: it woke the process
	 *         ctx.hibernate(waiting(cart.apply(message)));
	 *     };
	 * }
	 * }</pre>
	 * <p>Every wake-up starts a new virtual thread, so hibernate a process that waits long compared
	 * with a message's round trip, not one that handles a steady stream. Its {@link ProcessInfo} shows it {@link ProcessInfo.State#HIBERNATING
	 * HIBERNATING}, with an empty {@link Runtime#stackTrace(Pid) stack trace}.
	 * @param next what the process runs when it wakes
	 * @throws IllegalStateException if called from another thread than the process's own
	 */
	void hibernate(ProcessBody next);

	/**
	 * Pauses this process; unlike {@link Thread#sleep(long)} it ends at once with
	 * {@link ProcessExitException} if the process is killed.
	 * @param duration how long to pause
	 */
	void sleep(Duration duration);

	/**
	 * Registers this process under {@code name}.
	 * @param name a non-blank name
	 * @return {@code false} if the name is taken
	 * @see Runtime#register(String, Pid)
	 */
	boolean register(String name);

	/**
	 * Joins the process group {@code tag}; joining twice is harmless.
	 * @param tag a non-blank tag
	 * @return {@code true} unless this process is exiting
	 * @see Runtime#registerTag(String, Pid)
	 */
	boolean registerTag(String tag);

	/**
	 * Labels this process for observability.
	 * @param label a non-blank label
	 * @see Runtime#setLabel(Pid, String)
	 */
	void setLabel(String label);

	/**
	 * Sets whether this process traps exits: a trapping process receives a linked process's exit as
	 * a {@link Signal.Exit} message instead of dying with it.
	 * @param trap the flag
	 */
	void trapExits(boolean trap);

	/**
	 * Links this process with {@code peer}.
	 * @param peer the process to link to
	 * @see Runtime#link(Pid, Pid)
	 */
	void link(Pid peer);

	/**
	 * Monitors {@code target}: this process gets a {@link Signal.Down} when it ends.
	 * @param target the process to watch
	 * @return the monitor's reference
	 * @see Runtime#monitor(Pid, Pid)
	 */
	MonitorRef monitor(Pid target);

	/**
	 * Spawns a process with at most this process's capabilities.
	 * @param body what the new process runs
	 * @return a handle to it
	 */
	ProcessHandle spawn(ProcessBody body);

	/**
	 * Spawns a process with the given options and at most this process's capabilities.
	 * @param options how to spawn it
	 * @param body what the new process runs
	 * @return a handle to it
	 */
	ProcessHandle spawn(SpawnOptions options, ProcessBody body);

	/**
	 * Spawns a process monitored by this one before it runs (Erlang's {@code spawn_monitor}): this
	 * process gets a {@link Signal.Down} with the child's real exit reason however soon it ends.
	 * @param body what the new process runs
	 * @return a handle to it, whose {@link ProcessHandle#monitorRef()} is the monitor
	 */
	ProcessHandle spawnMonitor(ProcessBody body);

	/**
	 * Spawns a process linked to this one before it runs (Erlang's {@code spawn_link}).
	 * @param body what the new process runs
	 * @return a handle to it
	 */
	ProcessHandle spawnLink(ProcessBody body);

	/**
	 * Kills {@code target}, if this process holds {@link Capability#PROCESS_CONTROL}.
	 * @param target the process to kill
	 * @return whether a live process was told to exit
	 */
	boolean kill(Pid target);

	/**
	 * Ends {@code target} with {@code reason}, if this process holds
	 * {@link Capability#PROCESS_CONTROL}.
	 * @param target the process to end
	 * @param reason the reason its links and monitors will see
	 * @return whether a live process was told to exit
	 */
	boolean exit(Pid target, ExitReason reason);

	/**
	 * Kills every member of the process group {@code tag}, if this process holds
	 * {@link Capability#PROCESS_CONTROL}.
	 * @param tag the group
	 * @return how many members were told to exit; {@code 0} without the capability
	 */
	int killTag(String tag);
}
