package com.egain.auth.spring.autoconfigure.cloud;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.egain.auth.spring.autoconfigure.EgainAuthProperties;
import com.egain.auth.spring.credentials.ClientCredentials;
import com.egain.auth.spring.credentials.EgainCredentials;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName.Form;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Hands a client id or secret that Spring Cloud's refresh changed to the client's
 * credentials, so that its next token request uses it; names every other changed
 * {@code egain.auth} property in a WARN line, as needing a restart. Never logs a value.
 */
class EgainEnvironmentChangeListener implements ApplicationListener<EnvironmentChangeEvent> {

	private static final Log logger = LogFactory.getLog(EgainEnvironmentChangeListener.class);

	private static final ConfigurationPropertyName EGAIN = ConfigurationPropertyName.of("egain.auth");

	private static final ConfigurationPropertyName CLIENTS = ConfigurationPropertyName.of("egain.auth.clients");

	private final EgainCredentials credentials;

	private final Environment environment;

	/**
	 * Create a listener.
	 * @param credentials the credentials of the clients
	 * @param environment the environment the new values are read from
	 */
	EgainEnvironmentChangeListener(EgainCredentials credentials, Environment environment) {
		this.credentials = credentials;
		this.environment = environment;
	}

	@Override
	public void onApplicationEvent(EnvironmentChangeEvent event) {
		Set<String> needRestart = new TreeSet<>();
		Map<String, EgainAuthProperties.Client> clients = null;
		for (String key : event.getKeys()) {
			ConfigurationPropertyName name = ConfigurationPropertyName.adapt(key, '.');
			if (!EGAIN.isAncestorOf(name)) {
				continue;
			}
			String property = (CLIENTS.isAncestorOf(name) && name.getNumberOfElements() == 5)
					? name.getElement(4, Form.UNIFORM) : "";
			boolean secret = property.equals("clientsecret");
			if (!secret && !property.equals("clientid")) {
				needRestart.add(key);
				continue;
			}
			if (clients == null) {
				clients = Binder.get(this.environment)
					.bind(CLIENTS, Bindable.mapOf(String.class, EgainAuthProperties.Client.class))
					.orElse(Map.of());
			}
			String clientName = name.getElement(3, Form.ORIGINAL);
			EgainAuthProperties.Client client = clients.get(clientName);
			String value = (client == null) ? null : secret ? client.getClientSecret() : client.getClientId();
			ClientCredentials credentials = this.credentials.find(clientName);
			if (credentials == null) {
				needRestart.add(key);
			}
			else if (!StringUtils.hasText(value)) {
				logger.warn(key + " was removed or is blank now: eGain client '" + clientName
						+ "' keeps the value it has");
			}
			else if (!credentials.setProperty(secret, value)) {
				logger.warn(key + " changed, but eGain client '" + clientName + "' takes its "
						+ (secret ? "secret" : "client id") + " from elsewhere (a file or the application's "
						+ "EgainClientSecretSource): the change is ignored");
			}
		}
		if (!needRestart.isEmpty()) {
			logger.warn("eGain properties changed that take effect only after a restart: "
					+ String.join(", ", needRestart) + " (only client-id and client-secret are taken at once)");
		}
	}

}
