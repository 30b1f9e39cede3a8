/**
 * The rusm observer: a live page of the running system, served by the application and
 * fed by the {@code rusm} actuator endpoint.
 */
@NullMarked
package io.rusm.spring.boot.observer;

import org.jspecify.annotations.NullMarked;
