/**
 * The bearer-token policy shared by both HTTP stacks: where a token may go, which token
 * a request carries, and what a {@code 401} leads to.
 */
@NullMarked
package com.egain.auth.spring.web;

import org.jspecify.annotations.NullMarked;
