package com.egain.auth.spring.token;

import com.egain.auth.spring.EgainTokenStore;
import com.egain.auth.spring.endpoint.EgainTokenResponseClient;
import io.micrometer.observation.ObservationRegistry;

/**
 * Where the tokens of the clients come from: the token endpoints, through the client of
 * the token endpoints and observed as {@code egain.auth.token.request}, and the store
 * that may hold a token another instance requested.
 *
 * @param responseClient the client for the token endpoints
 * @param store where tokens are kept
 * @param observations the registry of the token request observations
 */
record TokenSources(EgainTokenResponseClient responseClient, EgainTokenStore store, ObservationRegistry observations) {
}
