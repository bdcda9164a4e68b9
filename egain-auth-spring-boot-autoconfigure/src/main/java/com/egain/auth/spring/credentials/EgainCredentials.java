package com.egain.auth.spring.credentials;

import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import com.egain.auth.spring.EgainClient;
import com.egain.auth.spring.EgainClientRegistrations;
import org.jspecify.annotations.Nullable;

/**
 * The {@link ClientCredentials} of every configured client, by name.
 */
public final class EgainCredentials implements Iterable<ClientCredentials> {

	private final Map<String, ClientCredentials> clients = new LinkedHashMap<>();

	/**
	 * Create the credentials of the given clients.
	 * @param clients the credentials, each named after its client
	 */
	public EgainCredentials(Map<String, ClientCredentials> clients) {
		this.clients.putAll(clients);
	}

	/**
	 * The credentials of the given clients as their registrations hold them: fixed,
	 * unless Spring Cloud's refresh replaces them.
	 * @param registrations the clients
	 * @return the credentials
	 */
	public static EgainCredentials of(EgainClientRegistrations registrations) {
		Map<String, ClientCredentials> credentials = new LinkedHashMap<>();
		for (EgainClient client : registrations) {
			credentials.put(client.getName(), ClientCredentials.of(client).build());
		}
		return new EgainCredentials(credentials);
	}

	/**
	 * The credentials of the given client.
	 * @param clientName the client's name
	 * @return the credentials, or {@code null} when no client has that name
	 */
	public @Nullable ClientCredentials find(String clientName) {
		return this.clients.get(clientName);
	}

	/**
	 * The credentials of the given client, or those its registration holds when these
	 * credentials do not know it.
	 * @param client the client
	 * @return the credentials
	 */
	public ClientCredentials forClient(EgainClient client) {
		ClientCredentials credentials = this.clients.get(client.getName());
		return (credentials != null) ? credentials : ClientCredentials.of(client).build();
	}

	/**
	 * The names of the clients.
	 * @return the names, in configuration order
	 */
	public Set<String> names() {
		return Collections.unmodifiableSet(this.clients.keySet());
	}

	@Override
	public Iterator<ClientCredentials> iterator() {
		return Collections.unmodifiableCollection(this.clients.values()).iterator();
	}

	@Override
	public String toString() {
		return "EgainCredentials" + this.clients.keySet();
	}

}
