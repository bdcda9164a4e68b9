/**
 * The HTTP clients of the starter's traffic on Spring Boot's HTTP client builders: the
 * RestClients of token requests, the proxy ({@code egain.auth.proxy.*}) put on the JDK
 * HttpClient, Reactor Netty or Apache HttpClient 5, and one client component per SSL
 * bundle. Used by the auto-configurations; applications do not need these types.
 */
@NullMarked
package com.egain.auth.spring.http;

import org.jspecify.annotations.NullMarked;
