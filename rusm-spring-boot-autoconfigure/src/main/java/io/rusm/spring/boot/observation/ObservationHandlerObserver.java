package io.rusm.spring.boot.observation;

import java.util.Objects;

import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.rusm.core.Call;
import io.rusm.spring.boot.RusmHandlerObserver;

/**
 * Observes each message a {@code @RusmHandler} process handles as a Micrometer observation named
 * {@value #NAME}, a child of the sender's observation when the message carried one. Its
 * low-cardinality keys: {@value #PROCESS} (the singleton's name), {@value #MESSAGE_TYPE} (the class
 * of the message, or of the request of a call) and {@value #KIND} ({@code call} or
 * {@code message}); never a pid or a payload, which are unbounded.
 *
 * @author rusm contributors
 * @since 0.1.0
 */
public final class ObservationHandlerObserver implements RusmHandlerObserver {

	/** The name of the observation of one handled message. */
	public static final String NAME = "rusm.handle";

	/** The key of the process name. */
	public static final String PROCESS = "rusm.process";

	/** The key of the message type. */
	public static final String MESSAGE_TYPE = "rusm.message.type";

	/** The key telling a call from a plain message. */
	public static final String KIND = "rusm.message.kind";

	private final ObservationRegistry registry;

	/**
	 * Creates an observer that records in {@code registry}.
	 * @param registry the observation registry
	 */
	public ObservationHandlerObserver(ObservationRegistry registry) {
		this.registry = Objects.requireNonNull(registry, "registry");
	}

	/**
	 * Handles the message inside a {@value #NAME} observation, which records what the handler threw.
	 * @param processName the name of the singleton
	 * @param message the message, a {@link Call} for a call
	 * @param handling the dispatch to the handler
	 * @throws Exception whatever the handler threw
	 */
	@Override
	public void observe(String processName, Object message, Handling handling) throws Exception {
		boolean call = message instanceof Call;
		Object payload = (message instanceof Call request) ? request.request() : message;
		Observation.createNotStarted(NAME, this.registry)
			.contextualName(processName + " handle")
			.lowCardinalityKeyValues(KeyValues.of(PROCESS, processName, MESSAGE_TYPE, payload.getClass().getName(),
					KIND, call ? "call" : "message"))
			.observeChecked(handling::handle);
	}

}
