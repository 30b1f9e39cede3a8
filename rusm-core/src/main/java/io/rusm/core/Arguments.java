package io.rusm.core;

import java.time.Duration;
import java.util.Objects;

/**
 * Argument checks shared by the public API, so every bad input fails the same clear way.
 */
final class Arguments {

	private Arguments() {
	}

	static String name(String value, String what) {
		Objects.requireNonNull(value, what);
		if (value.isBlank()) {
			throw new IllegalArgumentException(what + " must not be blank");
		}
		return value;
	}

	static Duration nonNegative(Duration value, String what) {
		Objects.requireNonNull(value, what);
		if (value.isNegative()) {
			throw new IllegalArgumentException(what + " must not be negative, got " + value);
		}
		return value;
	}

	static Duration positive(Duration value, String what) {
		Objects.requireNonNull(value, what);
		if (value.isNegative() || value.isZero()) {
			throw new IllegalArgumentException(what + " must be positive, got " + value);
		}
		return value;
	}

	static long nanos(Duration value) {
		try {
			return value.toNanos();
		}
		catch (ArithmeticException ex) {
			return Long.MAX_VALUE;
		}
	}
}
