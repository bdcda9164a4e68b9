package com.egain.auth.spring.http;

import java.io.Serial;

/**
 * The proxy cannot be put on the HTTP library of the starter's clients, or its
 * credentials would not be sent to it. Names the property to change and how.
 */
public class ProxyNotApplicableException extends IllegalStateException {

	@Serial
	private static final long serialVersionUID = 1L;

	private final String property;

	private final String wrong;

	private final String action;

	ProxyNotApplicableException(String property, String wrong, String action) {
		super(property + " " + wrong);
		this.property = property;
		this.wrong = wrong;
		this.action = action;
	}

	/**
	 * The property that cannot be applied.
	 * @return the full property name, e.g. {@code egain.auth.proxy.host}
	 */
	public String getProperty() {
		return this.property;
	}

	/**
	 * What is wrong with it.
	 * @return the reason
	 */
	public String getWrong() {
		return this.wrong;
	}

	/**
	 * How to fix it.
	 * @return the action
	 */
	public String getAction() {
		return this.action;
	}

}
