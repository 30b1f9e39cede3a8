package io.rusm.spring.boot;

import java.util.Optional;

import io.rusm.core.Call;
import io.rusm.core.Context;
import io.rusm.core.ProcessBody;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The receive loop of a {@link RusmProcess @RusmProcess} bean that declares
 * {@link RusmHandler @RusmHandler} methods: each message is dispatched to its handler, and
 * the result of a handled {@link Call} is its reply. A {@link RusmHandlerObserver}, if there is
 * one, wraps the handling of each message.
 */
final class HandlerProcess implements ProcessBody {

	private static final Logger logger = LoggerFactory.getLogger(HandlerProcess.class);

	private final String name;

	private final Object bean;

	private final HandlerMethods handlers;

	private final @Nullable RusmHandlerObserver observer;

	HandlerProcess(String name, Object bean, HandlerMethods handlers, @Nullable RusmHandlerObserver observer) {
		this.name = name;
		this.bean = bean;
		this.handlers = handlers;
		this.observer = observer;
	}

	@Override
	public void run(Context ctx) throws Exception {
		RusmHandlerObserver observer = this.observer;
		while (true) {
			Object message = ctx.receive();
			if (observer == null) {
				handle(message);
			}
			else {
				observer.observe(this.name, message, () -> handle(message));
			}
		}
	}

	private void handle(Object message) throws Exception {
		if (message instanceof Call call) {
			Object request = call.request();
			Optional<HandlerMethods.Dispatched> dispatched = this.handlers.dispatch(this.bean, request);
			if (dispatched.isEmpty()) {
				throw new IllegalArgumentException("Process '" + this.name + "' has no @RusmHandler for a call of "
						+ request.getClass().getName());
			}
			call.reply(dispatched.get().result());
		}
		else if (this.handlers.dispatch(this.bean, message).isEmpty()) {
			logger.warn("Process '{}' has no @RusmHandler for {}; message dropped", this.name,
					message.getClass().getName());
		}
	}

}
