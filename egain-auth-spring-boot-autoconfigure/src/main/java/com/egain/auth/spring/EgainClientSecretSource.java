package com.egain.auth.spring;

import org.jspecify.annotations.Nullable;

/**
 * Supplies the current client secret of eGain clients, for applications that keep their
 * secrets in a secret manager (Vault, AWS Secrets Manager, Azure Key Vault, ...). When the
 * application defines a bean of this type, the starter asks it for a client's secret at
 * each token request of that client, so a rotated secret is used from the next token
 * request on; it answers from its own cache, as the call is made on the token request's
 * way. A client's {@code client-secret} and {@code client-secret-file} properties are the
 * built-in sources: they apply to a client for which this source returns {@code null}.
 *
 * <p>The secret is never logged; a change of it is logged (client name and source only)
 * and counted.
 */
@FunctionalInterface
public interface EgainClientSecretSource {

	/**
	 * Return the current client secret of the given client.
	 * @param clientName the client's name, a key under {@code egain.auth.clients}
	 * @return the secret, or {@code null} when this source has none for the client, which
	 * then takes its secret from its {@code client-secret} or {@code client-secret-file}
	 */
	@Nullable String getClientSecret(String clientName);

}
