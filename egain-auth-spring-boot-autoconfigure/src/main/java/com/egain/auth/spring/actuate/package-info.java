/**
 * Actuator support of the eGain clients: the health of each client's token, the
 * {@code egainauth} endpoint, and the masking of client secrets and the proxy password in
 * the {@code configprops} and {@code env} endpoints. Registered by the
 * auto-configurations of {@code com.egain.auth.spring.autoconfigure.actuate}.
 */
@NullMarked
package com.egain.auth.spring.actuate;

import org.jspecify.annotations.NullMarked;
