package io.rusm.spring.boot.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import io.rusm.core.ExitListener;
import io.rusm.core.Runtime;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;

/**
 * Attaches the {@link ExitListener} beans of this context (the exit history, the exit
 * meter, the application's own) to the context's {@link Runtime}, whoever built it: the
 * auto-configuration, the application, or a parent context. They are attached once
 * every singleton exists, before any lifecycle starts a process, and detached when the
 * context closes if the runtime stays open, so a runtime that outlives the context keeps
 * no listener of a closed one. Only this context's own listener beans are attached: a
 * parent context attaches its own.
 */
final class ExitListenerRegistrar implements SmartInitializingSingleton, DisposableBean {

	private final ObjectProvider<Runtime> runtime;

	private final ListableBeanFactory beanFactory;

	private final List<ExitListener> attached = new ArrayList<>();

	private @Nullable Runtime attachedTo;

	ExitListenerRegistrar(ObjectProvider<Runtime> runtime, ListableBeanFactory beanFactory) {
		this.runtime = runtime;
		this.beanFactory = beanFactory;
	}

	@Override
	public void afterSingletonsInstantiated() {
		Runtime target = this.runtime.getIfUnique();
		if (target == null) {
			return;
		}
		List<ExitListener> listeners = new ArrayList<>(this.beanFactory.getBeansOfType(ExitListener.class).values());
		AnnotationAwareOrderComparator.sort(listeners);
		for (ExitListener listener : listeners) {
			target.addExitListener(listener);
			this.attached.add(listener);
		}
		this.attachedTo = target;
	}

	/**
	 * Detaches the listeners from a runtime that stays open; a runtime that is shutting
	 * down keeps them, so that the exits of its last processes are still seen.
	 */
	@Override
	public void destroy() {
		Runtime target = this.attachedTo;
		if (target != null && !target.isShuttingDown()) {
			this.attached.forEach(target::removeExitListener);
			this.attached.clear();
			this.attachedTo = null;
		}
	}

}
