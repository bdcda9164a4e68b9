/**
 * Auto-configuration of the pre-authorized {@code RestClient}s and HTTP service groups.
 */
@NullMarked
package com.egain.auth.spring.autoconfigure.web.client;

import org.jspecify.annotations.NullMarked;
