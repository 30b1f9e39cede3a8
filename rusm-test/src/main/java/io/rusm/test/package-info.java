/**
 * Test support for applications built on rusm: {@link io.rusm.test.RusmExtension} (or
 * {@link io.rusm.test.RusmTest}) hands each test a runtime on virtual time and fails it when
 * processes, names, tags or timers leak; {@link io.rusm.test.TestProbe} is a process that records
 * what it receives; {@link io.rusm.test.RusmAssertions} adds AssertJ assertions for processes.
 */
@NullMarked
package io.rusm.test;

import org.jspecify.annotations.NullMarked;
