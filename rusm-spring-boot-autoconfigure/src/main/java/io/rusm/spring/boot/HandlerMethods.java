package io.rusm.spring.boot;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.aop.support.AopUtils;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * The {@link RusmHandler @RusmHandler} methods of one bean class, and the dispatch of a
 * message to the most specific one.
 */
final class HandlerMethods {

	private final Map<Class<?>, Method> byParameterType;

	private final Map<Class<?>, Optional<Method>> resolved = new ConcurrentHashMap<>();

	private HandlerMethods(Map<Class<?>, Method> byParameterType) {
		this.byParameterType = byParameterType;
	}

	/**
	 * Finds and validates the handler methods of a bean class.
	 * @param beanName the name of the bean, for error messages
	 * @param targetClass the user class of the bean
	 * @return the handler methods, empty if the class declares none
	 * @throws IllegalStateException if a handler does not take exactly one parameter or
	 * two handlers take the same type
	 */
	static HandlerMethods introspect(String beanName, Class<?> targetClass) {
		Map<Method, RusmHandler> annotated = MethodIntrospector.selectMethods(targetClass,
				(MethodIntrospector.MetadataLookup<RusmHandler>) (method) -> AnnotatedElementUtils
					.findMergedAnnotation(method, RusmHandler.class));
		List<Method> methods = new ArrayList<>(annotated.keySet());
		methods.sort(Comparator.comparing(Method::toGenericString));
		Map<Class<?>, Method> byType = new LinkedHashMap<>();
		for (Method method : methods) {
			if (method.getParameterCount() != 1) {
				throw new IllegalStateException("@RusmHandler method " + describe(method) + " of bean '" + beanName
						+ "' must take exactly one parameter (the message), but takes " + method.getParameterCount());
			}
			Class<?> type = ClassUtils.resolvePrimitiveIfNecessary(method.getParameterTypes()[0]);
			Method previous = byType.putIfAbsent(type, method);
			if (previous != null) {
				throw new IllegalStateException("@RusmHandler methods " + describe(previous) + " and "
						+ describe(method) + " of bean '" + beanName + "' both handle " + type.getName());
			}
		}
		return new HandlerMethods(byType);
	}

	boolean isEmpty() {
		return this.byParameterType.isEmpty();
	}

	/**
	 * Invokes the most specific handler for a message.
	 * @param bean the bean, possibly a proxy
	 * @param message the message
	 * @return the handler's result, or empty when no handler matches the message
	 * @throws Exception whatever the handler threw
	 */
	Optional<Dispatched> dispatch(Object bean, Object message) throws Exception {
		Optional<Method> handler = this.resolved.computeIfAbsent(message.getClass(), this::mostSpecific);
		if (handler.isEmpty()) {
			return Optional.empty();
		}
		Method invocable = AopUtils.selectInvocableMethod(handler.get(), bean.getClass());
		ReflectionUtils.makeAccessible(invocable);
		try {
			return Optional.of(new Dispatched(invocable.invoke(bean, message)));
		}
		catch (InvocationTargetException ex) {
			Throwable cause = ex.getCause();
			if (cause instanceof Exception exception) {
				throw exception;
			}
			if (cause instanceof Error error) {
				throw error;
			}
			throw ex;
		}
	}

	private Optional<Method> mostSpecific(Class<?> messageType) {
		List<Map.Entry<Class<?>, Method>> candidates = this.byParameterType.entrySet()
			.stream()
			.filter((entry) -> entry.getKey().isAssignableFrom(messageType))
			.toList();
		for (Map.Entry<Class<?>, Method> candidate : candidates) {
			boolean narrowest = candidates.stream()
				.allMatch((other) -> other.getKey().isAssignableFrom(candidate.getKey()));
			if (narrowest) {
				return Optional.of(candidate.getValue());
			}
		}
		if (!candidates.isEmpty()) {
			throw new IllegalStateException("Ambiguous @RusmHandler methods for " + messageType.getName() + ": "
					+ candidates.stream().map((entry) -> describe(entry.getValue())).toList());
		}
		return Optional.empty();
	}

	private static String describe(Method method) {
		return method.getDeclaringClass().getSimpleName() + "." + method.getName() + "("
				+ Arrays.stream(method.getParameterTypes()).map(Class::getSimpleName).collect(Collectors.joining(", "))
				+ ")";
	}

	/**
	 * The outcome of a handler invocation.
	 *
	 * @param result what the handler returned, {@code null} for a {@code void} handler
	 */
	record Dispatched(@Nullable Object result) {

	}

}
