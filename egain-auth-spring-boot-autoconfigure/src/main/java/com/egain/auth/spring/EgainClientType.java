package com.egain.auth.spring;

/**
 * The two client-credentials variants of eGain.
 */
public enum EgainClientType {

	/**
	 * Server-to-server client app: tokens from the client app's own token URL.
	 */
	CLIENT_APP,

	/**
	 * Anonymous customer: tokens from eGain's anonymous token endpoint, with
	 * {@code user_type=customer}, {@code domain_hint=<tenant>} and prefixed scopes.
	 */
	ANONYMOUS_CUSTOMER

}
