/**
 * The bearer-token policy on {@code WebClient} (needs WebFlux).
 */
@NullMarked
package com.egain.auth.spring.web.reactive;

import org.jspecify.annotations.NullMarked;
