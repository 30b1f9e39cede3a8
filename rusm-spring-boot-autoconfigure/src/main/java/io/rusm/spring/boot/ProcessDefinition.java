package io.rusm.spring.boot;

import java.util.List;
import java.util.function.Supplier;

import io.rusm.core.ProcessBody;
import io.rusm.core.Restart;

/**
 * A validated {@link RusmProcess @RusmProcess} bean, ready to be started.
 *
 * @param name the registered name, placeholders resolved
 * @param label the census label
 * @param tags the process groups
 * @param restart the restart type
 * @param beanName the name of the bean
 * @param bodies supplies the body of each (re)start: a prototype bean is fetched fresh
 * every time
 * @param scope where the singleton runs once
 */
record ProcessDefinition(String name, String label, List<String> tags, Restart restart, String beanName,
		Supplier<ProcessBody> bodies, RusmProcess.Scope scope) {

	ProcessDefinition(String name, String label, List<String> tags, Restart restart, String beanName,
			Supplier<ProcessBody> bodies) {
		this(name, label, tags, restart, beanName, bodies, RusmProcess.Scope.NODE);
	}

}
