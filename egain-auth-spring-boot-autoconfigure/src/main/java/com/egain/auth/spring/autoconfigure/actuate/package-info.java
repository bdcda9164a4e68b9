/**
 * Auto-configuration of the Actuator support: the {@code egainAuth} health contributor,
 * the {@code egainauth} endpoint and the masking of client secrets. The implementations
 * are in {@code com.egain.auth.spring.actuate}.
 */
@NullMarked
package com.egain.auth.spring.autoconfigure.actuate;

import org.jspecify.annotations.NullMarked;
