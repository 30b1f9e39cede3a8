/**
 * W8, what a Spring user pays: a {@code call} to a {@code @RusmHandler} singleton against a
 * {@code call} to a plain {@code ProcessBody} process and a direct call on a {@code synchronized}
 * bean doing the same work, in a real Spring Boot context (JMH, {@link io.rusm.bench.spring.W8SpringCall});
 * and HTTP requests answered through each of them ({@link io.rusm.bench.spring.W8HttpLoad}).
 */
@NullMarked
package io.rusm.bench.spring;

import org.jspecify.annotations.NullMarked;
