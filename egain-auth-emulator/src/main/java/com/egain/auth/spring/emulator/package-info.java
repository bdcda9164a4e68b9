/**
 * An emulator of eGain's token endpoints and APIs on loopback, for samples and tests.
 */
@NullMarked
package com.egain.auth.spring.emulator;

import org.jspecify.annotations.NullMarked;
