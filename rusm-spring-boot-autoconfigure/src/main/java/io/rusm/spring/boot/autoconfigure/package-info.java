/**
 * Auto-configuration of rusm for Spring Boot: the runtime, {@code @RusmProcess}
 * singletons, the exit history, the actuator endpoint, health and metrics.
 */
@NullMarked
package io.rusm.spring.boot.autoconfigure;

import org.jspecify.annotations.NullMarked;
