/**
 * Micrometer observations for rusm: traces that follow messages into the processes that handle
 * them, and a {@code rusm.handle} observation per message a {@code @RusmHandler} handles.
 */
@NullMarked
package io.rusm.spring.boot.observation;

import org.jspecify.annotations.NullMarked;
