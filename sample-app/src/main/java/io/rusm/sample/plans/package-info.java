/**
 * Plans of agent processes: each agent works in timed steps and reports its progress to
 * the {@code plan-tracker} singleton; a plan is cancelled by killing its process group.
 */
@NullMarked
package io.rusm.sample.plans;

import org.jspecify.annotations.NullMarked;
