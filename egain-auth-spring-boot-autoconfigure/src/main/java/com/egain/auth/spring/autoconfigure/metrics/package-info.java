/**
 * Auto-configuration of the Micrometer metrics of the token lifecycle. The meters are in
 * {@code com.egain.auth.spring.metrics}.
 */
@NullMarked
package com.egain.auth.spring.autoconfigure.metrics;

import org.jspecify.annotations.NullMarked;
