/**
 * Micrometer metrics of the token lifecycle: the counters of
 * {@link com.egain.auth.spring.EgainAuthMetrics} and the gauge of each held token's
 * expiry. Registered by the auto-configuration of
 * {@code com.egain.auth.spring.autoconfigure.metrics}.
 */
@NullMarked
package com.egain.auth.spring.metrics;

import org.jspecify.annotations.NullMarked;
