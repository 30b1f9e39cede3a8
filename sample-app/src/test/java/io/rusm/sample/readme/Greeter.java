package io.rusm.sample.readme;

import io.rusm.spring.boot.RusmHandler;
import io.rusm.spring.boot.RusmProcess;

import org.springframework.context.annotation.Scope;
import org.springframework.stereotype.Component;

// tag::rusm-process[]
@Component
@Scope("prototype") // a restart gets a fresh instance, never stale state
@RusmProcess("greeter")
class Greeter {

	record CountGreetings() { } // a message type of its own

	private int greeted;

	@RusmHandler // answers runtime.call("greeter", "Ada", timeout)
	String greet(String name) {
		this.greeted++;
		return "Hello, " + name + "!";
	}

	@RusmHandler // one handler per message type
	int count(CountGreetings query) {
		return this.greeted;
	}

}
// end::rusm-process[]
