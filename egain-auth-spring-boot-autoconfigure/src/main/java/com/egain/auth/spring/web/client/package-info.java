/**
 * The bearer-token policy on {@code RestClient} (Spring MVC, no WebFlux needed).
 */
@NullMarked
package com.egain.auth.spring.web.client;

import org.jspecify.annotations.NullMarked;
