package io.rusm.spring.boot;

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

	private final HandlerMethods.Bound handlers;

	private final @Nullable RusmHandlerObserver observer;

	HandlerProcess(String name, Object bean, HandlerMethods handlers, @Nullable RusmHandlerObserver observer) {
		this.name = name;
		this.handlers = handlers.bind(bean);
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
			Object result = this.handlers.invoke(request);
			if (result == HandlerMethods.UNHANDLED) {
				throw new IllegalArgumentException("Process '" + this.name + "' has no @RusmHandler for a call of "
						+ request.getClass().getName());
			}
			call.reply(result);
		}
		else if (!this.handlers.handle(message)) {
			logger.warn("Process '{}' has no @RusmHandler for {}; message dropped", this.name,
					message.getClass().getName());
		}
	}

}
