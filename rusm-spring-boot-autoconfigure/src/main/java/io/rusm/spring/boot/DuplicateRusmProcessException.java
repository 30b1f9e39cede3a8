package io.rusm.spring.boot;

/**
 * Thrown at startup when two {@link RusmProcess @RusmProcess} beans claim the same
 * process name, which would make one of them silently never start.
 *
 * @author rusm contributors
 * @since 0.1.0
 */
public class DuplicateRusmProcessException extends IllegalStateException {

	private static final long serialVersionUID = 1L;

	private final String processName;

	private final String firstBeanName;

	private final String secondBeanName;

	/**
	 * Creates an exception for a name claimed by two beans.
	 * @param processName the process name both beans claim
	 * @param firstBeanName the name of the first bean
	 * @param secondBeanName the name of the second bean
	 */
	public DuplicateRusmProcessException(String processName, String firstBeanName, String secondBeanName) {
		super("@RusmProcess name '" + processName + "' is declared by both bean '" + firstBeanName + "' and bean '"
				+ secondBeanName + "'");
		this.processName = processName;
		this.firstBeanName = firstBeanName;
		this.secondBeanName = secondBeanName;
	}

	/**
	 * Returns the process name both beans claim.
	 * @return the process name
	 */
	public String getProcessName() {
		return this.processName;
	}

	/**
	 * Returns the name of the first bean that claims the process name.
	 * @return the first bean name
	 */
	public String getFirstBeanName() {
		return this.firstBeanName;
	}

	/**
	 * Returns the name of the second bean that claims the process name.
	 * @return the second bean name
	 */
	public String getSecondBeanName() {
		return this.secondBeanName;
	}

}
