package io.rusm.spring.boot;

import org.junit.jupiter.api.Test;

import org.springframework.aot.generate.ClassNameGenerator;
import org.springframework.aot.generate.DefaultGenerationContext;
import org.springframework.aot.generate.InMemoryGeneratedFiles;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.javapoet.ClassName;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hints Spring's AOT processing writes for a native image when a context holds a
 * {@link RusmProcess @RusmProcess} bean with {@link RusmHandler @RusmHandler} methods.
 */
class RusmAotHintsTests {

	private final RuntimeHints hints = processAheadOfTime(Greeter.class);

	@Test
	void handlerMethodsAreInvocable() {
		assertThat(this.hints).matches(RuntimeHintsPredicates.reflection().onMethodInvocation(Greeter.class, "greet"))
			.matches(RuntimeHintsPredicates.reflection().onMethodInvocation(Greeter.class, "forget"));
	}

	@Test
	void methodsThatAreNoHandlersGetNoHint() {
		assertThat(this.hints)
			.doesNotMatch(RuntimeHintsPredicates.reflection().onMethodInvocation(Greeter.class, "helper"));
	}

	@Test
	void messageAndReplyTypesAreRegisteredForBinding() {
		assertThat(this.hints).matches(RuntimeHintsPredicates.reflection().onType(Greet.class))
			.matches(RuntimeHintsPredicates.reflection().onMethodInvocation(Greet.class, "name"))
			.matches(RuntimeHintsPredicates.reflection().onType(Greeting.class))
			.matches(RuntimeHintsPredicates.reflection().onMethodInvocation(Greeting.class, "text"))
			.matches(RuntimeHintsPredicates.reflection().onType(Forget.class));
	}

	@Test
	void theSynthesizedRusmProcessAnnotationHasAProxy() {
		assertThat(this.hints).matches(RuntimeHintsPredicates.proxies().forInterfaces(RusmProcess.class));
	}

	private static RuntimeHints processAheadOfTime(Class<?> beanClass) {
		try (GenericApplicationContext context = new GenericApplicationContext()) {
			context.registerBean(beanClass);
			DefaultGenerationContext generationContext = new DefaultGenerationContext(
					new ClassNameGenerator(ClassName.get(RusmAotHintsTests.class)), new InMemoryGeneratedFiles());
			new ApplicationContextAotGenerator().processAheadOfTime(context, generationContext);
			return generationContext.getRuntimeHints();
		}
	}

	record Greet(String name) {
	}

	record Greeting(String text) {
	}

	record Forget(String name) {
	}

	@RusmProcess("greeter")
	static class Greeter {

		@RusmHandler
		Greeting greet(Greet greet) {
			return new Greeting(helper(greet.name()));
		}

		@RusmHandler
		void forget(Forget forget) {
		}

		String helper(String name) {
			return "Hello, " + name;
		}
	}
}
