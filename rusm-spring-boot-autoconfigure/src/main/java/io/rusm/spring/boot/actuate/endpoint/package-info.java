/**
 * The {@code rusm} actuator endpoint.
 */
@NullMarked
package io.rusm.spring.boot.actuate.endpoint;

import org.jspecify.annotations.NullMarked;
