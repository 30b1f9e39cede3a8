/**
 * The rusm sample application: a Spring Boot web app built on the rusm starter.
 */
@NullMarked
package io.rusm.sample;

import org.jspecify.annotations.NullMarked;
