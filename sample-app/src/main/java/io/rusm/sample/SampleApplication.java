package io.rusm.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The rusm sample application: plans of agent processes ({@code /plans}), a supervised
 * singleton that can be made to crash ({@code /counter}) and the whole runtime through
 * Actuator ({@code /actuator/rusm}, {@code /actuator/health}, {@code /actuator/metrics},
 * {@code /actuator/prometheus}).
 * <p>
 * It needs no database or other service and runs until it is stopped: the embedded web
 * server keeps the JVM alive.
 *
 * @author rusm contributors
 * @since 0.1.0
 */
@SpringBootApplication
public class SampleApplication {

	/**
	 * Creates the application's configuration; Spring Boot does, from {@link #main}.
	 */
	public SampleApplication() {
	}

	/**
	 * Starts the sample application.
	 * @param args the command line arguments, for example {@code --server.port=9090}
	 */
	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

}
