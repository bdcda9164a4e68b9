/**
 * The test kit: {@code @AutoConfigureEgainEmulator} and the {@code EgainEmulator} it injects.
 */
@NullMarked
package com.egain.auth.spring.test;

import org.jspecify.annotations.NullMarked;
