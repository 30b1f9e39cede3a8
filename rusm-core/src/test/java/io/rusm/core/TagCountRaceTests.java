package io.rusm.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.RepeatedTest;

import static io.rusm.core.ProcessProbes.ended;
import static io.rusm.core.ProcessProbes.parked;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live member counts of {@link Runtime#tagCounts()} against the real membership: virtual
 * threads race joins, leaves, tagged spawns, kills and a {@code killTag} over a few shared tags,
 * and once they are done the counts, the members {@link Runtime#whereisTag} lists and the tags each
 * process reports must all agree, and drain to nothing when every process is gone.
 */
class TagCountRaceTests {

	private static final List<String> TAGS = List.of("a", "b", "c", "d");

	private static final int PROCESSES = 32;

	private static final int RACERS = 6;

	private static final int OPERATIONS = 300;

	private final OpenRuntimes runtimes = new OpenRuntimes();

	@AfterEach
	void closeRuntimes() {
		this.runtimes.close();
	}

	@RepeatedTest(25)
	void tagCountsMatchTheMembershipAfterRacingJoinsLeavesAndKills() throws Exception {
		Runtime runtime = this.runtimes.create();
		List<ProcessHandle> processes = new CopyOnWriteArrayList<>();
		for (int i = 0; i < PROCESSES; i++) {
			processes.add(runtime.spawn(parked()));
		}
		CountDownLatch start = new CountDownLatch(1);
		List<Thread> racers = new ArrayList<>();
		for (int i = 0; i < RACERS; i++) {
			racers.add(Thread.ofVirtual().start(() -> joinAndLeave(runtime, processes, start)));
		}
		racers.add(Thread.ofVirtual().start(() -> spawnTagged(runtime, processes, start)));
		racers.add(Thread.ofVirtual().start(() -> kill(runtime, processes, start)));
		start.countDown();
		for (Thread racer : racers) {
			racer.join();
		}
		awaitStagedExits(runtime, processes);

		assertCountsMatchMembership(runtime);

		for (ProcessHandle process : processes) {
			process.kill();
		}
		for (ProcessHandle process : processes) {
			ended(process);
		}
		assertThat(runtime.tagCounts()).as("every member gone, every tag gone").isEmpty();
		for (String tag : TAGS) {
			assertThat(runtime.whereisTag(tag)).isEmpty();
		}
	}

	private static void joinAndLeave(Runtime runtime, List<ProcessHandle> processes, CountDownLatch start) {
		await(start);
		ThreadLocalRandom random = ThreadLocalRandom.current();
		for (int i = 0; i < OPERATIONS; i++) {
			Pid pid = processes.get(random.nextInt(processes.size())).pid();
			String tag = TAGS.get(random.nextInt(TAGS.size()));
			if (random.nextBoolean()) {
				runtime.registerTag(tag, pid);
			}
			else {
				runtime.unregisterTag(tag, pid);
			}
		}
	}

	private static void spawnTagged(Runtime runtime, List<ProcessHandle> processes, CountDownLatch start) {
		await(start);
		ThreadLocalRandom random = ThreadLocalRandom.current();
		for (int i = 0; i < PROCESSES / 2; i++) {
			String tag = TAGS.get(random.nextInt(TAGS.size()));
			processes.add(runtime.spawn(SpawnOptions.builder().tags(tag, "d").build(), parked()));
		}
	}

	private static void kill(Runtime runtime, List<ProcessHandle> processes, CountDownLatch start) {
		await(start);
		ThreadLocalRandom random = ThreadLocalRandom.current();
		for (int i = 0; i < PROCESSES / 4; i++) {
			runtime.kill(processes.get(random.nextInt(PROCESSES)).pid());
			Thread.yield();
		}
		runtime.killTag("d");
	}

	/** Waits for every process a racer told to exit: after the racers, no kill is still to come. */
	private static void awaitStagedExits(Runtime runtime, List<ProcessHandle> processes)
			throws InterruptedException {
		for (ProcessHandle process : processes) {
			boolean running = runtime.info(process.pid())
				.map((info) -> info.state() == ProcessInfo.State.RUNNING)
				.orElse(false);
			if (!running) {
				ended(process);
			}
		}
	}

	private static void assertCountsMatchMembership(Runtime runtime) {
		Map<String, Integer> listed = new TreeMap<>();
		for (String tag : TAGS) {
			int members = runtime.whereisTag(tag).size();
			if (members > 0) {
				listed.put(tag, members);
			}
		}
		Map<String, Integer> held = new TreeMap<>();
		for (Pid pid : runtime.list()) {
			runtime.info(pid).ifPresent((info) -> info.tags().forEach((tag) -> held.merge(tag, 1, Integer::sum)));
		}
		assertThat(runtime.tagCounts()).as("live counts against whereisTag").isEqualTo(listed);
		assertThat(held).as("the tags processes hold against whereisTag").isEqualTo(listed);
	}

	private static void await(CountDownLatch start) {
		try {
			start.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
