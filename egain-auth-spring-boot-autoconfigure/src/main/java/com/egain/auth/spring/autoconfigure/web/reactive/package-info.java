/**
 * Auto-configuration of the pre-authorized {@code WebClient}s and HTTP service groups.
 */
@NullMarked
package com.egain.auth.spring.autoconfigure.web.reactive;

import org.jspecify.annotations.NullMarked;
