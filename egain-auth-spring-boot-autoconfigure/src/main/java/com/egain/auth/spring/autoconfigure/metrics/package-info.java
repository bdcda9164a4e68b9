/**
 * Auto-configuration of the Micrometer metrics of the token lifecycle.
 */
@NullMarked
package com.egain.auth.spring.autoconfigure.metrics;

import org.jspecify.annotations.NullMarked;
