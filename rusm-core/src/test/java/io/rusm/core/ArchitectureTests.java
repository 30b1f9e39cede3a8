package io.rusm.core;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The structure of the core (see {@code docs/architecture.md}): {@link Runtime} is a facade over
 * package-private components, and no component reaches back up to it.
 */
class ArchitectureTests {

	private static final JavaClasses CLASSES = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("io.rusm.core");

	/** Package-private top-level classes and what they nest, but for the public Context of a process. */
	private static final DescribedPredicate<JavaClass> COMPONENTS = DescribedPredicate.describe("components",
			(javaClass) -> {
				JavaClass topLevel = javaClass;
				while (topLevel.getEnclosingClass().isPresent()) {
					topLevel = topLevel.getEnclosingClass().get();
				}
				return !topLevel.getModifiers().contains(JavaModifier.PUBLIC)
						&& !topLevel.isEquivalentTo(ProcessContext.class);
			});

	private static final Path SOURCES = Path.of("src", "main", "java", "io", "rusm", "core");

	@Test
	void noComponentDependsOnTheRuntimeFacade() {
		noClasses().that(COMPONENTS)
			.should()
			.dependOnClassesThat()
			.belongToAnyOf(Runtime.class)
			.because("components get what they need (settings, counters, other components), never the facade;"
					+ " only ProcessContext, the public Context of a process, returns it")
			.check(CLASSES);
	}

	@Test
	void theRuleSeesTheComponents() {
		assertThat(COMPONENTS.test(CLASSES.get(ProcessTable.class))).isTrue();
		assertThat(COMPONENTS.test(CLASSES.get(TimerShard.class))).isTrue();
		assertThat(COMPONENTS.test(CLASSES.get(Supervisor.class))).isFalse();
		assertThat(CLASSES.get(ProcessContext.class).getDirectDependenciesFromSelf())
			.anyMatch((dependency) -> dependency.getTargetClass().isEquivalentTo(Runtime.class));
	}

	@Test
	void noSourceFileButTheFacadeIsLongerThan400Lines() throws IOException {
		try (Stream<Path> files = Files.list(SOURCES)) {
			List<String> tooLong = files.filter((file) -> !file.getFileName().toString().equals("Runtime.java"))
				.filter((file) -> lineCount(file) > 400)
				.map((file) -> file.getFileName() + " (" + lineCount(file) + " lines)")
				.toList();
			assertThat(tooLong).isEmpty();
		}
	}

	@Test
	void anIdleProcessAllocatesNoRelationsUntilItHasOne() throws Exception {
		try (Runtime runtime = Runtime.create()) {
			ProcessHandle idle = runtime.spawn(ProcessProbes.parked());
			Proc process = process(idle);
			assertThat(relations(process)).as("an idle process").isNull();
			runtime.register("named", idle.pid());
			assertThat(relations(process)).as("after its first relation").isNotNull();
			runtime.kill(idle.pid());
			ProcessProbes.ended(idle);
			assertThat(relations(process)).as("handed over at exit").isNull();
		}
	}

	private static Proc process(ProcessHandle handle) throws ReflectiveOperationException {
		Field field = ProcessHandle.class.getDeclaredField("process");
		field.setAccessible(true);
		return (Proc) field.get(handle);
	}

	private static @Nullable Object relations(Proc process) throws ReflectiveOperationException {
		Field field = ProcessRelations.class.getDeclaredField("relations");
		field.setAccessible(true);
		synchronized (process) {
			return field.get(process);
		}
	}

	private static long lineCount(Path file) {
		try (Stream<String> lines = Files.lines(file)) {
			return lines.count();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}
}
