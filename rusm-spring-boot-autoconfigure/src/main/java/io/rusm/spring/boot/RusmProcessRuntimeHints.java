package io.rusm.spring.boot;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * Hints for a native image that {@link RusmHandlerReflectiveProcessor} cannot give: discovery reads
 * {@link RusmProcess @RusmProcess} as a merged annotation, which Spring synthesizes as a JDK proxy
 * (its {@code name} and {@code value} are aliases).
 *
 * @author rusm contributors
 */
final class RusmProcessRuntimeHints implements RuntimeHintsRegistrar {

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		hints.proxies().registerJdkProxy(RusmProcess.class);
	}
}
