package io.rusm.spring.boot;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.rusm.core.ProcessBody;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.Assert;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * Discovers {@link RusmProcess @RusmProcess} beans and hands them, validated, to the
 * {@link RusmProcessRegistry} that starts them.
 * <p>
 * Singleton beans are recorded as they are initialized (through their target class, so
 * proxied beans are found); prototype-scoped beans are found from their bean definitions,
 * without being instantiated. Nothing is started here: once every singleton exists,
 * {@link #afterSingletonsInstantiated()} validates the whole set (a name claimed by two
 * beans fails fast, naming both) and registers it with the registry of the same context
 * (never a parent's); the registry, a
 * {@link org.springframework.context.SmartLifecycle SmartLifecycle}, spawns the processes
 * when the context starts.
 *
 * @author rusm contributors
 * @since 0.1.0
 */
public final class RusmProcessBeanPostProcessor
		implements BeanPostProcessor, BeanFactoryAware, SmartInitializingSingleton, Ordered {

	private final Map<String, Candidate> candidates = new LinkedHashMap<>();

	private @Nullable ConfigurableListableBeanFactory beanFactory;

	@Override
	public void setBeanFactory(BeanFactory beanFactory) throws BeansException {
		Assert.isInstanceOf(ConfigurableListableBeanFactory.class, beanFactory,
				"RusmProcessBeanPostProcessor requires a ConfigurableListableBeanFactory");
		this.beanFactory = (ConfigurableListableBeanFactory) beanFactory;
	}

	/**
	 * Runs last, so that the bean it records is the final (possibly proxied) instance.
	 * @return {@link Ordered#LOWEST_PRECEDENCE}
	 */
	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	/**
	 * Records a singleton bean annotated with {@link RusmProcess @RusmProcess}.
	 * @param bean the initialized bean
	 * @param beanName the name of the bean
	 * @return the bean, unchanged
	 */
	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
		ConfigurableListableBeanFactory factory = beanFactory();
		if (factory.containsBeanDefinition(beanName) && factory.isPrototype(beanName)) {
			return bean;
		}
		Class<?> targetClass = AopUtils.getTargetClass(bean);
		RusmProcess annotation = AnnotatedElementUtils.findMergedAnnotation(targetClass, RusmProcess.class);
		if (annotation != null) {
			synchronized (this.candidates) {
				this.candidates.putIfAbsent(beanName, new Candidate(beanName, targetClass, annotation));
			}
		}
		return bean;
	}

	/**
	 * Finds the prototype-scoped {@link RusmProcess @RusmProcess} beans, validates every
	 * candidate and registers them with the {@link RusmProcessRegistry}.
	 * @throws DuplicateRusmProcessException if two beans claim the same process name
	 * @throws IllegalStateException if a bean is not a valid process
	 */
	@Override
	public void afterSingletonsInstantiated() {
		ConfigurableListableBeanFactory factory = beanFactory();
		List<Candidate> all;
		synchronized (this.candidates) {
			all = new ArrayList<>(this.candidates.values());
		}
		for (String beanName : factory.getBeanDefinitionNames()) {
			if (!factory.getBeanDefinition(beanName).isAbstract() && factory.isPrototype(beanName)) {
				Class<?> type = factory.getType(beanName);
				if (type != null) {
					Class<?> userClass = ClassUtils.getUserClass(type);
					RusmProcess annotation = AnnotatedElementUtils.findMergedAnnotation(userClass, RusmProcess.class);
					if (annotation != null) {
						all.add(new Candidate(beanName, userClass, annotation));
					}
				}
			}
		}
		Map<String, ProcessDefinition> byName = new LinkedHashMap<>();
		for (Candidate candidate : all) {
			ProcessDefinition definition = define(factory, candidate);
			ProcessDefinition previous = byName.putIfAbsent(definition.name(), definition);
			if (previous != null) {
				throw new DuplicateRusmProcessException(definition.name(), previous.beanName(), candidate.beanName());
			}
		}
		for (String registryName : factory.getBeanNamesForType(RusmProcessRegistry.class, false, false)) {
			factory.getBean(registryName, RusmProcessRegistry.class).register(List.copyOf(byName.values()));
		}
	}

	private ProcessDefinition define(ConfigurableListableBeanFactory factory, Candidate candidate) {
		String beanName = candidate.beanName();
		RusmProcess annotation = candidate.annotation();
		String name = resolve(factory, annotation.name());
		if (!StringUtils.hasText(name)) {
			throw new IllegalStateException("@RusmProcess on bean '" + beanName + "' must declare a name");
		}
		String label = StringUtils.hasText(annotation.label()) ? resolve(factory, annotation.label()) : name;
		List<String> tags = Arrays.stream(annotation.tags()).map((tag) -> resolve(factory, tag)).toList();
		boolean isBody = ProcessBody.class.isAssignableFrom(candidate.targetClass());
		HandlerMethods handlers = HandlerMethods.introspect(beanName, candidate.targetClass());
		if (isBody && !handlers.isEmpty()) {
			throw new IllegalStateException("@RusmProcess bean '" + beanName
					+ "' both implements ProcessBody and declares @RusmHandler methods; choose one");
		}
		if (!isBody && handlers.isEmpty()) {
			throw new IllegalStateException("@RusmProcess bean '" + beanName
					+ "' must implement ProcessBody or declare at least one @RusmHandler method");
		}
		Supplier<ProcessBody> bodies = () -> {
			Object bean = factory.getBean(beanName);
			return (bean instanceof ProcessBody body) ? body
					: new HandlerProcess(name, bean, handlers,
							factory.getBeanProvider(RusmHandlerObserver.class).getIfUnique());
		};
		return new ProcessDefinition(name, label, tags, annotation.restart(), beanName, bodies, annotation.scope());
	}

	private static String resolve(ConfigurableListableBeanFactory factory, String value) {
		String resolved = factory.resolveEmbeddedValue(value);
		return (resolved != null) ? resolved.strip() : value;
	}

	private ConfigurableListableBeanFactory beanFactory() {
		Assert.state(this.beanFactory != null, "BeanFactory has not been set");
		return this.beanFactory;
	}

	private record Candidate(String beanName, Class<?> targetClass, RusmProcess annotation) {

	}

}
