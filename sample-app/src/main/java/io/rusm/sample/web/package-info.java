/**
 * Web concerns shared by the sample's controllers: problem responses for failed calls
 * into processes.
 */
@NullMarked
package io.rusm.sample.web;

import org.jspecify.annotations.NullMarked;
