package io.rusm.spring.boot;

import java.lang.reflect.Method;

import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.ExecutableMode;
import org.springframework.aot.hint.ReflectionHints;
import org.springframework.aot.hint.annotation.ReflectiveProcessor;
import org.springframework.aot.hint.annotation.SimpleReflectiveProcessor;

/**
 * The {@link ReflectiveProcessor} of {@link RusmHandler @RusmHandler}: Spring's AOT processing
 * finds the handler methods of every bean and registers, for a native image, that each is
 * invoked reflectively, and binding hints for its message type and its reply type (the classes a
 * controller typically reads from or writes to JSON), as {@code @RegisterReflectionForBinding}
 * would.
 *
 * @author rusm contributors
 * @since 0.1.0
 */
public class RusmHandlerReflectiveProcessor extends SimpleReflectiveProcessor {

	private final BindingReflectionHintsRegistrar bindingRegistrar = new BindingReflectionHintsRegistrar();

	/**
	 * Creates the processor; Spring's AOT processing does.
	 */
	public RusmHandlerReflectiveProcessor() {
	}

	/**
	 * Registers a handler method for invocation, and its parameter and return types for binding.
	 * @param hints the reflection hints to add to
	 * @param method a {@code @RusmHandler} method
	 */
	@Override
	protected void registerMethodHint(ReflectionHints hints, Method method) {
		hints.registerMethod(method, ExecutableMode.INVOKE);
		this.bindingRegistrar.registerReflectionHints(hints, method.getGenericParameterTypes());
		if (method.getReturnType() != void.class) {
			this.bindingRegistrar.registerReflectionHints(hints, method.getGenericReturnType());
		}
	}
}
