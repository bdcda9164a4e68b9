/**
 * Auto-configuration of the Actuator support: the {@code egainAuth} health contributor
 * and the masking of client secrets.
 */
@NullMarked
package com.egain.auth.spring.autoconfigure.actuate;

import org.jspecify.annotations.NullMarked;
