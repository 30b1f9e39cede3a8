package io.rusm.spring.boot;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
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
 * <p>
 * Everything is resolved once: the handler a message class selects is cached per message class
 * (a {@link ClassValue}), and each handler is turned into two {@link MethodHandle}s once per bean
 * class (a proxy's class included, so that a proxied bean is invoked through its proxy): one of
 * type {@code (Object bean, Object message) Object} for a call, whose result is the reply, and one
 * of type {@code (Object bean, Object message) void} for a plain message, whose result is dropped
 * without being boxed. Dispatching a message then costs a cache read and one
 * {@code invokeExact}: no reflective lookup and no allocation besides what the handler itself
 * allocates (and the boxing of a primitive reply).
 */
final class HandlerMethods {

	/** What {@link Bound#invoke(Object)} answers for a request no handler matches. */
	static final Object UNHANDLED = new Object();

	private static final MethodType REPLYING = MethodType.methodType(Object.class, Object.class, Object.class);

	private static final MethodType DROPPING = MethodType.methodType(void.class, Object.class, Object.class);

	private final Method[] methods;

	private final Class<?>[] parameterTypes;

	private final ClassValue<Selection> selections = new ClassValue<>() {
		@Override
		protected Selection computeValue(Class<?> messageType) {
			return select(messageType);
		}
	};

	private final ClassValue<@Nullable Invoker[]> invokers = new ClassValue<>() {
		@Override
		protected @Nullable Invoker[] computeValue(Class<?> beanClass) {
			return invokersFor(beanClass);
		}
	};

	private HandlerMethods(List<Method> methods) {
		this.methods = methods.toArray(Method[]::new);
		this.parameterTypes = methods.stream()
			.map((method) -> ClassUtils.resolvePrimitiveIfNecessary(method.getParameterTypes()[0]))
			.toArray(Class<?>[]::new);
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
		List<Class<?>> types = new ArrayList<>();
		for (Method method : methods) {
			if (method.getParameterCount() != 1) {
				throw new IllegalStateException("@RusmHandler method " + describe(method) + " of bean '" + beanName
						+ "' must take exactly one parameter (the message), but takes " + method.getParameterCount());
			}
			Class<?> type = ClassUtils.resolvePrimitiveIfNecessary(method.getParameterTypes()[0]);
			int previous = types.indexOf(type);
			if (previous >= 0) {
				throw new IllegalStateException("@RusmHandler methods " + describe(methods.get(previous)) + " and "
						+ describe(method) + " of bean '" + beanName + "' both handle " + type.getName());
			}
			types.add(type);
		}
		return new HandlerMethods(methods);
	}

	boolean isEmpty() {
		return this.methods.length == 0;
	}

	/**
	 * Binds the handlers to one bean, resolving their invokers for its class (once per class).
	 * @param bean the bean, possibly a proxy
	 * @return the handlers of that bean
	 */
	Bound bind(Object bean) {
		return new Bound(bean, this.invokers.get(bean.getClass()));
	}

	/**
	 * The handler methods bound to one bean: what a {@link HandlerProcess} dispatches through.
	 */
	final class Bound {

		private final Object bean;

		private final @Nullable Invoker[] invokers;

		private Bound(Object bean, @Nullable Invoker[] invokers) {
			this.bean = bean;
			this.invokers = invokers;
		}

		/**
		 * Invokes the most specific handler for the request of a call.
		 * @param request the request
		 * @return the handler's result, the reply ({@code null} for a {@code void} handler),
		 * or {@link #UNHANDLED} when no handler matches the request
		 * @throws IllegalStateException if several handlers match the request and none is the
		 * most specific
		 * @throws Exception whatever the handler threw, unwrapped
		 */
		@Nullable Object invoke(Object request) throws Exception {
			int index = select(request);
			if (index < 0) {
				return UNHANDLED;
			}
			Invoker invoker = this.invokers[index];
			if (invoker == null) {
				return invokeReflectively(HandlerMethods.this.methods[index], this.bean, request);
			}
			try {
				return (Object) invoker.replying().invokeExact(this.bean, request);
			}
			catch (Exception | Error ex) {
				throw ex;
			}
			catch (Throwable ex) {
				throw new InvocationTargetException(ex);
			}
		}

		/**
		 * Invokes the most specific handler for a plain message, dropping its result.
		 * @param message the message
		 * @return whether a handler matched the message
		 * @throws IllegalStateException if several handlers match the message and none is the
		 * most specific
		 * @throws Exception whatever the handler threw, unwrapped
		 */
		boolean handle(Object message) throws Exception {
			int index = select(message);
			if (index < 0) {
				return false;
			}
			Invoker invoker = this.invokers[index];
			if (invoker == null) {
				invokeReflectively(HandlerMethods.this.methods[index], this.bean, message);
				return true;
			}
			try {
				invoker.dropping().invokeExact(this.bean, message);
				return true;
			}
			catch (Exception | Error ex) {
				throw ex;
			}
			catch (Throwable ex) {
				throw new InvocationTargetException(ex);
			}
		}

		private int select(Object message) {
			Selection selection = HandlerMethods.this.selections.get(message.getClass());
			if (selection.ambiguity() != null) {
				throw new IllegalStateException(selection.ambiguity());
			}
			return selection.index();
		}

	}

	/**
	 * The invoker of each handler on instances of {@code beanClass}, or {@code null} for a handler
	 * that cannot be invoked through a method handle: that one is invoked reflectively, which
	 * throws the reason (for example a method that a JDK proxy does not expose).
	 */
	private @Nullable Invoker[] invokersFor(Class<?> beanClass) {
		@Nullable Invoker[] invokers = new Invoker[this.methods.length];
		for (int i = 0; i < this.methods.length; i++) {
			try {
				invokers[i] = invoker(AopUtils.selectInvocableMethod(this.methods[i], beanClass));
			}
			catch (RuntimeException | IllegalAccessException ex) {
				invokers[i] = null;
			}
		}
		return invokers;
	}

	private static Invoker invoker(Method method) throws IllegalAccessException {
		ReflectionUtils.makeAccessible(method);
		MethodHandle handle = MethodHandles.lookup().unreflect(method);
		if (Modifier.isStatic(method.getModifiers())) {
			handle = MethodHandles.dropArguments(handle, 0, Object.class);
		}
		return new Invoker(handle.asType(REPLYING), handle.asType(DROPPING));
	}

	private static @Nullable Object invokeReflectively(Method handler, Object bean, Object message) throws Exception {
		Method invocable = AopUtils.selectInvocableMethod(handler, bean.getClass());
		ReflectionUtils.makeAccessible(invocable);
		try {
			return invocable.invoke(bean, message);
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

	private Selection select(Class<?> messageType) {
		List<Integer> candidates = new ArrayList<>();
		for (int i = 0; i < this.parameterTypes.length; i++) {
			if (this.parameterTypes[i].isAssignableFrom(messageType)) {
				candidates.add(i);
			}
		}
		for (int candidate : candidates) {
			boolean narrowest = candidates.stream()
				.allMatch((other) -> this.parameterTypes[other].isAssignableFrom(this.parameterTypes[candidate]));
			if (narrowest) {
				return new Selection(candidate, null);
			}
		}
		if (!candidates.isEmpty()) {
			return new Selection(-1, "Ambiguous @RusmHandler methods for " + messageType.getName() + ": "
					+ candidates.stream().map((i) -> describe(this.methods[i])).toList());
		}
		return new Selection(-1, null);
	}

	private static String describe(Method method) {
		return method.getDeclaringClass().getSimpleName() + "." + method.getName() + "("
				+ Arrays.stream(method.getParameterTypes()).map(Class::getSimpleName).collect(Collectors.joining(", "))
				+ ")";
	}

	/**
	 * One handler's method handles for one bean class.
	 *
	 * @param replying {@code (Object bean, Object request) Object}: the result, boxed if primitive
	 * @param dropping {@code (Object bean, Object message) void}: the result dropped, never boxed
	 */
	private record Invoker(MethodHandle replying, MethodHandle dropping) {

	}

	/**
	 * The handler a message class selects.
	 *
	 * @param index the handler's index, or {@code -1} for none
	 * @param ambiguity why several handlers match and none is the most specific, or
	 * {@code null}
	 */
	private record Selection(int index, @Nullable String ambiguity) {

	}

}
