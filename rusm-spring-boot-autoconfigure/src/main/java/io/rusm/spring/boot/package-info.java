/**
 * Annotation-driven rusm processes for Spring: {@code @RusmProcess} singletons, their
 * {@code @RusmHandler} methods and the registry that starts and supervises them.
 */
@NullMarked
package io.rusm.spring.boot;

import org.jspecify.annotations.NullMarked;
