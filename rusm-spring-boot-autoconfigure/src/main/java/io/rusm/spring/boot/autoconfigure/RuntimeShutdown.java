package io.rusm.spring.boot.autoconfigure;

import java.time.Duration;

import io.rusm.core.Runtime;
import io.rusm.core.ShutdownReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;

/**
 * Shuts the auto-configured runtime down gracefully when the application context closes.
 * Beans are destroyed after every lifecycle stopped, so this runs after the web server
 * stopped taking requests and after the singletons were stopped.
 */
final class RuntimeShutdown implements DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(RuntimeShutdown.class);

	private final Runtime runtime;

	private final Duration timeout;

	RuntimeShutdown(Runtime runtime, Duration timeout) {
		this.runtime = runtime;
		this.timeout = timeout;
	}

	@Override
	public void destroy() {
		ShutdownReport report = this.runtime.shutdownGracefully(this.timeout);
		if (report.stillRunning() > 0) {
			logger.warn("rusm runtime shut down: {} of {} processes were killed after {}, and {} still run (the"
					+ " lifecycle log, io.rusm.lifecycle, shows where each one is)", report.killed(), report.signalled(),
					this.timeout, report.stillRunning());
		}
		else if (report.killed() > 0) {
			logger.warn("rusm runtime shut down: {} of {} processes did not exit within {} and were killed",
					report.killed(), report.signalled(), this.timeout);
		}
	}

}
