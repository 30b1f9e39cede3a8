package io.rusm.spring.boot;

import java.io.Serializable;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link HandlerMethods}.
 */
class HandlerMethodsTests {

	@Test
	void dispatchesToTheMostSpecificParameterType() throws Exception {
		HandlerMethods handlers = HandlerMethods.introspect("bean", Specific.class);
		Specific bean = new Specific();
		HandlerMethods.Bound bound = handlers.bind(bean);
		assertThat(bound.invoke("text")).isEqualTo("string");
		assertThat(bound.invoke(new StringBuilder("x"))).isEqualTo("char-sequence");
		assertThat(bound.invoke(1L)).isEqualTo("object");
	}

	@Test
	void primitiveParameterMatchesItsWrapper() throws Exception {
		HandlerMethods handlers = HandlerMethods.introspect("bean", Primitive.class);
		assertThat(handlers.bind(new Primitive()).invoke(41)).isEqualTo(42);
	}

	@Test
	void unmatchedMessageIsNotDispatched() throws Exception {
		HandlerMethods handlers = HandlerMethods.introspect("bean", Primitive.class);
		HandlerMethods.Bound bound = handlers.bind(new Primitive());
		assertThat(bound.invoke("text")).isSameAs(HandlerMethods.UNHANDLED);
		assertThat(bound.handle("text")).isFalse();
		assertThat(bound.handle(1)).isTrue();
	}

	@Test
	void handlerExceptionIsRethrownUnwrapped() {
		HandlerMethods handlers = HandlerMethods.introspect("bean", Throwing.class);
		assertThatIllegalStateException().isThrownBy(() -> handlers.bind(new Throwing()).invoke("x")).withMessage("boom");
	}

	@Test
	void ambiguousHandlersFailTheDispatch() {
		HandlerMethods handlers = HandlerMethods.introspect("bean", Ambiguous.class);
		assertThatIllegalStateException().isThrownBy(() -> handlers.bind(new Ambiguous()).invoke("text"))
			.withMessageContaining("Ambiguous @RusmHandler methods for java.lang.String");
	}

	@Test
	void handlerWithoutExactlyOneParameterIsRejected() {
		assertThatIllegalStateException().isThrownBy(() -> HandlerMethods.introspect("twoArgs", TwoParameters.class))
			.withMessageContaining("'twoArgs'")
			.withMessageContaining("must take exactly one parameter");
	}

	@Test
	void twoHandlersOfTheSameTypeAreRejected() {
		assertThatIllegalStateException().isThrownBy(() -> HandlerMethods.introspect("dup", SameType.class))
			.withMessageContaining("'dup'")
			.withMessageContaining("both handle java.lang.Integer");
	}

	static class Specific {

		@RusmHandler
		String string(String value) {
			return "string";
		}

		@RusmHandler
		String charSequence(CharSequence value) {
			return "char-sequence";
		}

		@RusmHandler
		String object(Object value) {
			return "object";
		}

	}

	static class Primitive {

		@RusmHandler
		int increment(int value) {
			return value + 1;
		}

	}

	static class Throwing {

		@RusmHandler
		void fail(String value) {
			throw new IllegalStateException("boom");
		}

	}

	static class Ambiguous {

		@RusmHandler
		void charSequence(CharSequence value) {
		}

		@RusmHandler
		void serializable(Serializable value) {
		}

	}

	static class TwoParameters {

		@RusmHandler
		void handle(String value, String other) {
		}

	}

	static class SameType {

		@RusmHandler
		void boxed(Integer value) {
		}

		@RusmHandler
		void primitive(int value) {
		}

	}

}
