/**
 * Auto-configuration of the eGain clients and their tokens, from {@code egain.auth.*}.
 */
@NullMarked
package com.egain.auth.spring.autoconfigure;

import org.jspecify.annotations.NullMarked;
