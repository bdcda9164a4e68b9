/**
 * The starter's public API: the clients ({@link com.egain.auth.spring.EgainClientRegistrations}),
 * their tokens ({@link com.egain.auth.spring.EgainAccessTokens}, kept in an
 * {@link com.egain.auth.spring.EgainTokenStore}), the pre-authorized clients of both HTTP
 * stacks ({@link com.egain.auth.spring.EgainWebClients} and
 * {@link com.egain.auth.spring.EgainExchangeFilterFunction}, which need WebFlux;
 * {@link com.egain.auth.spring.EgainRestClients} and
 * {@link com.egain.auth.spring.EgainClientHttpRequestInterceptor}, which do not), what an
 * API's {@code 401} leads to ({@link com.egain.auth.spring.EgainTokenRejectionHandler}), the
 * bearer-token policy behind both stacks (package-private), and the
 * failure of a token request
 * ({@link com.egain.auth.spring.EgainClientAuthorizationException}).
 */
@NullMarked
package com.egain.auth.spring;

import org.jspecify.annotations.NullMarked;
