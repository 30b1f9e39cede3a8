package io.rusm.spring.boot;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a {@link DuplicateRusmProcessException} at startup and says how to fix it.
 */
class DuplicateRusmProcessFailureAnalyzer extends AbstractFailureAnalyzer<DuplicateRusmProcessException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, DuplicateRusmProcessException cause) {
		String description = "The @RusmProcess name '" + cause.getProcessName() + "' is declared by two beans: '"
				+ cause.getFirstBeanName() + "' and '" + cause.getSecondBeanName()
				+ "'. A process name is registered once per runtime, so one of them would never start.";
		String action = "Give one of the beans '" + cause.getFirstBeanName() + "' and '" + cause.getSecondBeanName()
				+ "' another @RusmProcess name, or remove one of them.";
		return new FailureAnalysis(description, action, cause);
	}

}
