/**
 * Auto-configuration of the Spring Cloud Context support: a client id or secret changed
 * by a refresh is used from the next token request on.
 */
@NullMarked
package com.egain.auth.spring.autoconfigure.cloud;

import org.jspecify.annotations.NullMarked;
