package io.rusm.spring.boot;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

import org.aopalliance.intercept.MethodInterceptor;
import org.junit.jupiter.api.Test;

import org.springframework.aop.framework.ProxyFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for how {@link HandlerMethods} invokes handlers through method handles: results of every
 * shape, exceptions unwrapped, proxies honoured, one binding per bean, and no allocation per
 * message.
 */
class HandlerInvocationTests {

	@Test
	void voidHandlerAnswersNullNotUnhandled() throws Exception {
		Recorder recorder = new Recorder();
		HandlerMethods.Bound bound = HandlerMethods.introspect("bean", Recorder.class).bind(recorder);
		assertThat(bound.invoke("call")).isNull();
		assertThat(bound.handle("message")).isTrue();
		assertThat(recorder.notes).containsExactly("call", "message");
	}

	@Test
	void staticAndPrivateHandlersAreInvoked() throws Exception {
		HandlerMethods.Bound bound = HandlerMethods.introspect("bean", Hidden.class).bind(new Hidden());
		assertThat(bound.invoke(3L)).isEqualTo("static 3");
		assertThat(bound.invoke("x")).isEqualTo("private x");
	}

	@Test
	void checkedExceptionIsRethrownUnwrapped() {
		HandlerMethods.Bound bound = HandlerMethods.introspect("bean", Checked.class).bind(new Checked());
		assertThatExceptionOfType(IOException.class).isThrownBy(() -> bound.invoke("x")).withMessage("disk");
		assertThatExceptionOfType(IOException.class).isThrownBy(() -> bound.handle("x")).withMessage("disk");
	}

	@Test
	void eachBoundBeanIsItsOwnReceiver() throws Exception {
		HandlerMethods handlers = HandlerMethods.introspect("bean", Counter.class);
		HandlerMethods.Bound first = handlers.bind(new Counter());
		HandlerMethods.Bound second = handlers.bind(new Counter());
		first.invoke(1);
		first.invoke(1);
		assertThat(second.invoke(1)).isEqualTo(1);
		assertThat(first.invoke(1)).isEqualTo(3);
	}

	@Test
	void classProxyIsInvokedThroughItsAdvice() throws Exception {
		ProxyFactory factory = new ProxyFactory(new Counter());
		factory.setProxyTargetClass(true);
		factory.addAdvice((MethodInterceptor) (invocation) -> 100 + (int) invocation.proceed());
		Object proxy = factory.getProxy();
		assertThat(proxy.getClass()).isNotEqualTo(Counter.class);
		assertThat(HandlerMethods.introspect("bean", Counter.class).bind(proxy).invoke(1)).isEqualTo(101);
	}

	@Test
	void interfaceProxyIsInvokedThroughItsInterfaceAndFailsOnlyForHandlersItHides() throws Exception {
		ProxyFactory factory = new ProxyFactory(new Greeter());
		factory.addInterface(Greeting.class);
		factory.addAdvice((MethodInterceptor) (invocation) -> "advised " + invocation.proceed());
		HandlerMethods.Bound bound = HandlerMethods.introspect("bean", Greeter.class).bind(factory.getProxy());
		assertThat(bound.invoke("Ada")).isEqualTo("advised Hello, Ada");
		assertThatIllegalStateException().isThrownBy(() -> bound.invoke(1)).withMessageContaining("proxy");
		assertThatIllegalStateException().isThrownBy(() -> bound.invoke(2)).withMessageContaining("proxy");
		assertThat(bound.invoke("Grace")).isEqualTo("advised Hello, Grace");
		assertThatIllegalStateException().isThrownBy(() -> bound.handle(3)).withMessageContaining("proxy");
		assertThat(bound.handle("Alan")).isTrue();
	}

	@Test
	void dispatchAllocatesNothingPerMessage() throws Exception {
		HandlerMethods.Bound bound = HandlerMethods.introspect("bean", Constant.class).bind(new Constant());
		List<Object> messages = List.of("text", 7L, new StringBuilder("sb"));
		assertThat(bytesPerDispatch(bound, messages, true)).as("bytes allocated per call dispatched").isZero();
	}

	@Test
	void plainMessageDispatchDoesNotBoxThePrimitiveResultItDrops() throws Exception {
		HandlerMethods.Bound bound = HandlerMethods.introspect("bean", Summing.class).bind(new Summing());
		List<Object> messages = List.of(1_000_000L, 2_000_000L, 3_000_000L);
		assertThat(bytesPerDispatch(bound, messages, false)).as("bytes allocated per message dispatched").isZero();
		assertThat(bound.invoke(0L)).as("a call's reply is boxed").isEqualTo(200_000L * 6_000_000L);
	}

	private static long bytesPerDispatch(HandlerMethods.Bound bound, List<Object> messages, boolean calls)
			throws Exception {
		int rounds = 300_000;
		dispatch(bound, messages, calls, rounds);
		com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory
			.getThreadMXBean();
		long before = threads.getCurrentThreadAllocatedBytes();
		dispatch(bound, messages, calls, rounds);
		return (threads.getCurrentThreadAllocatedBytes() - before) / rounds;
	}

	private static void dispatch(HandlerMethods.Bound bound, List<Object> messages, boolean calls, int rounds)
			throws Exception {
		for (int i = 0; i < rounds; i++) {
			Object message = messages.get(i % messages.size());
			if (calls) {
				bound.invoke(message);
			}
			else {
				bound.handle(message);
			}
		}
	}

	static class Recorder {

		final List<String> notes = new ArrayList<>();

		@RusmHandler
		void note(String note) {
			this.notes.add(note);
		}

	}

	static class Hidden {

		@RusmHandler
		static String numbered(Long value) {
			return "static " + value;
		}

		@RusmHandler
		private String text(String value) {
			return "private " + value;
		}

	}

	static class Checked {

		@RusmHandler
		void fail(String value) throws IOException {
			throw new IOException("disk");
		}

	}

	static class Counter {

		private int count;

		@RusmHandler
		public int increment(Integer by) {
			this.count += by;
			return this.count;
		}

	}

	/** What the JDK proxy of a {@link Greeter} exposes. */
	public interface Greeting {

		/**
		 * Greets.
		 * @param name who
		 * @return the greeting
		 */
		String greet(String name);

	}

	static class Greeter implements Greeting {

		@Override
		@RusmHandler
		public String greet(String name) {
			return "Hello, " + name;
		}

		@RusmHandler
		public String count(Integer value) {
			return "not on the interface";
		}

	}

	static class Summing {

		private long total;

		@RusmHandler
		long add(Long amount) {
			this.total += amount;
			return this.total;
		}

	}

	static class Constant {

		private static final Object RESULT = new Object();

		@RusmHandler
		Object text(String value) {
			return RESULT;
		}

		@RusmHandler
		Object number(Long value) {
			return RESULT;
		}

		@RusmHandler
		void sequence(CharSequence value) {
		}

	}

}
