package io.rusm.spring.boot.actuate;

import java.time.Duration;

import io.rusm.core.Context;
import io.rusm.core.ProcessBody;
import io.rusm.core.Runtime;
import io.rusm.spring.boot.RusmHandler;
import io.rusm.spring.boot.RusmProcess;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * A web application with two singletons and a controller that calls one of them, for the
 * tests that run a real server. It leaves Spring Security's auto-configuration out, so
 * that it serves the same whether or not Spring Security is on the test classpath (it is
 * for the security tests' execution, which also runs whatever {@code -Dtest} selects).
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration(excludeName = {
		"org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration" })
class WebTestApplication {

	@Bean
	Greeter greeter() {
		return new Greeter();
	}

	@Bean
	Fragile fragile() {
		return new Fragile();
	}

	@RusmProcess(name = "greeter", tags = "greeters")
	static class Greeter {

		@RusmHandler
		String greet(String name) {
			return "Hello, " + name;
		}

	}

	@RusmProcess("fragile")
	static class Fragile implements ProcessBody {

		@Override
		public void run(Context ctx) {
			while (true) {
				if ("crash".equals(ctx.receive())) {
					throw new IllegalStateException("crash requested");
				}
			}
		}

	}

	@RestController
	static class GreetingController {

		private final Runtime runtime;

		GreetingController(Runtime runtime) {
			this.runtime = runtime;
		}

		@GetMapping("/greet/{name}")
		String greet(@PathVariable String name) {
			return this.runtime.call("greeter", name, Duration.ofSeconds(2));
		}

	}

}
