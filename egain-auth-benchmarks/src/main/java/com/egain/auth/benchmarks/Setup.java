package com.egain.auth.benchmarks;

import java.time.Duration;

/**
 * The setups compared: the starter's pre-authorized WebClient, Spring Security's stock
 * client-credentials filter (with its default clock skew of 60 s, and tuned to 1 s for
 * the expiry boundary), and a WebClient with a fixed bearer header as the floor.
 */
enum Setup {

	/** The starter's WebClient, auto-configured from {@code egain.auth.*} properties. */
	OURS("ours") {
		@Override
		BenchTarget create(LocalServers servers) {
			return new OursTarget(servers);
		}
	},

	/** {@code ServerOAuth2AuthorizedClientExchangeFilterFunction}, built as its reference documentation shows. */
	STOCK("stock") {
		@Override
		BenchTarget create(LocalServers servers) {
			return new StockTarget(servers, null);
		}
	},

	/** The stock setup with its provider's clock skew lowered from 60 s to 1 s. */
	STOCK_SKEW_1S("stock, clock-skew 1 s") {
		@Override
		BenchTarget create(LocalServers servers) {
			return new StockTarget(servers, Duration.ofSeconds(1));
		}
	},

	/** A WebClient with a fixed {@code Authorization: Bearer} header: the floor. */
	RAW("raw floor") {
		@Override
		BenchTarget create(LocalServers servers) {
			return new RawTarget(servers);
		}
	};

	private final String label;

	Setup(String label) {
		this.label = label;
	}

	String label() {
		return this.label;
	}

	/**
	 * Create a fresh instance of this setup, with its own connection pools and token cache.
	 * @param servers the servers to talk to
	 * @return the setup
	 */
	abstract BenchTarget create(LocalServers servers);

}
