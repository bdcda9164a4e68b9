package com.egain.auth.spring.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports an {@link InvalidEgainConfigurationException} at start-up: each property, what
 * is wrong with it, and what to do.
 */
class InvalidEgainConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<InvalidEgainConfigurationException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidEgainConfigurationException cause) {
		StringBuilder description = new StringBuilder("The eGain client configuration is invalid:\n");
		StringBuilder action = new StringBuilder("Update your application's configuration:\n");
		for (InvalidEgainConfigurationException.Problem problem : cause.getProblems()) {
			description.append("\n    Property: ")
				.append(problem.property())
				.append("\n    Problem: ")
				.append(problem.wrong())
				.append('\n');
			action.append("\n    ").append(problem.property()).append(": ").append(problem.action());
		}
		return new FailureAnalysis(description.toString(), action.toString(), cause);
	}

}
