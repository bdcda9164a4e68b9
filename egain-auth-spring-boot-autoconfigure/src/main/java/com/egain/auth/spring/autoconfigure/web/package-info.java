/**
 * Internal to the starter's auto-configuration, not for applications: what the
 * auto-configurations of both HTTP stacks share (the per-client qualified beans and their
 * names read ahead of time, the HTTP service groups of eGain clients, and redirect-free
 * HTTP client settings). Its public types are public only so that
 * {@code autoconfigure.web.client} and {@code autoconfigure.web.reactive} can use them;
 * they may change in any release.
 */
@NullMarked
package com.egain.auth.spring.autoconfigure.web;

import org.jspecify.annotations.NullMarked;
