package io.rusm.spring.boot.autoconfigure;

import io.rusm.core.Runtime;

/**
 * Callback to customize the {@link Runtime.Builder} of the auto-configured
 * {@link Runtime} after the {@code rusm.*} properties were applied, for settings that are
 * not properties (a clock, an extra exit listener chain). Every bean of this type is
 * applied, in {@link org.springframework.core.annotation.Order @Order}.
 *
 * @author rusm contributors
 * @since 0.1.0
 */
@FunctionalInterface
public interface RuntimeCustomizer {

	/**
	 * Customizes the builder of the runtime.
	 * @param builder the builder to customize
	 */
	void customize(Runtime.Builder builder);

}
