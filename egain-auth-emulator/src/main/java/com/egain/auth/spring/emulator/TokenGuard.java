package com.egain.auth.spring.emulator;

import java.net.URI;

import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.matching.MatchResult;
import com.github.tomakehurst.wiremock.matching.RequestMatcherExtension;

/**
 * Matches the requests the {@link EmulatedEgainServer} refuses before any stub is consulted: a
 * request to a path other than a token endpoint without
 * {@code Authorization: Bearer <token>} of an unexpired, unrevoked token it issued.
 */
final class TokenGuard extends RequestMatcherExtension {

	static final String NAME = "egain-emulator-token-guard";

	private static final String BEARER = "Bearer ";

	private final EmulatedEgainServer emulator;

	TokenGuard(EmulatedEgainServer emulator) {
		this.emulator = emulator;
	}

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public MatchResult match(Request request, Parameters parameters) {
		if (this.emulator.isTokenPath(URI.create(request.getUrl()).getPath())) {
			return MatchResult.noMatch();
		}
		String authorization = request.getHeader("Authorization");
		boolean bearer = authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length());
		boolean valid = bearer
				&& this.emulator.tokens().valid(authorization.substring(BEARER.length()).trim()) != null;
		return MatchResult.of(!valid);
	}

}
