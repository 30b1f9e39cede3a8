/**
 * The rusm runtime: Erlang/OTP-style processes on virtual threads, with mailboxes, links,
 * monitors, supervisors, a name registry, process groups, timers and introspection.
 */
@NullMarked
package io.rusm.core;

import org.jspecify.annotations.NullMarked;
