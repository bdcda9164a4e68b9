package com.egain.auth.spring.metrics;

import java.time.Instant;

import com.egain.auth.spring.EgainAccessTokens;
import com.egain.auth.spring.EgainClient;
import com.egain.auth.spring.EgainClientRegistrations;
import com.egain.auth.spring.EgainTokenStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.beans.factory.ObjectProvider;

/**
 * The {@value #EXPIRY} gauge of each eGain client, tagged by client name: the seconds
 * until the token it holds expires, {@code 0} when it holds none.
 */
public class EgainTokenExpiryMeterBinder implements MeterBinder {

	/**
	 * Gauge of the seconds until the held token expires.
	 */
	public static final String EXPIRY = "egain.auth.token.expiry";

	private final ObjectProvider<EgainClientRegistrations> registrations;

	private final ObjectProvider<EgainAccessTokens> tokens;

	/**
	 * Create the binder.
	 * @param registrations the clients, one gauge each (none when there is no such bean)
	 * @param tokens their tokens, asked on each reading of a gauge
	 */
	public EgainTokenExpiryMeterBinder(ObjectProvider<EgainClientRegistrations> registrations,
			ObjectProvider<EgainAccessTokens> tokens) {
		this.registrations = registrations;
		this.tokens = tokens;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		this.registrations.ifAvailable((clients) -> {
			for (EgainClient client : clients) {
				Gauge.builder(EXPIRY, this.tokens, (source) -> secondsLeft(source.getObject().status(client.getName())))
					.description("Seconds until the held token expires (0 when none is held)")
					.baseUnit("seconds")
					.tag("client", client.getName())
					.register(registry);
			}
		});
	}

	private static double secondsLeft(EgainTokenStatus status) {
		Instant expiresAt = status.expiresAt();
		if (expiresAt == null) {
			// No valid token is held.
			return 0;
		}
		return Math.max(0, expiresAt.toEpochMilli() - System.currentTimeMillis()) / 1000.0;
	}

}
