package io.rusm.core;

/**
 * Which children a {@link Supervisor} restarts when one of them ends and must be restarted.
 *
 * @since 0.1.0
 */
public enum Strategy {

	/** Only the child that ended. */
	ONE_FOR_ONE,

	/** Every child: the others are stopped in reverse start order, then all start again in order. */
	ONE_FOR_ALL,

	/** The child that ended and every child started after it. */
	REST_FOR_ONE
}
