package com.egain.auth.spring.autoconfigure;

import java.io.Serial;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The {@code egain.auth.*} configuration has mistakes; each names its property, what is
 * wrong and how to fix it.
 */
public class InvalidEgainConfigurationException extends RuntimeException {

	@Serial
	private static final long serialVersionUID = 1L;

	private final transient List<Problem> problems;

	/**
	 * Create an exception for the given mistakes.
	 * @param problems the mistakes, in configuration order
	 */
	public InvalidEgainConfigurationException(List<Problem> problems) {
		super("Invalid eGain configuration: " + problems.stream()
			.map((problem) -> problem.property() + " " + problem.wrong())
			.collect(Collectors.joining("; ")));
		this.problems = List.copyOf(problems);
	}

	/**
	 * The mistakes found.
	 * @return the problems, in configuration order
	 */
	public List<Problem> getProblems() {
		return this.problems;
	}

	/**
	 * One configuration mistake.
	 *
	 * @param property the full property name, e.g.
	 * {@code egain.auth.clients.portal.client-secret}
	 * @param wrong what is wrong with it
	 * @param action how to fix it
	 */
	public record Problem(String property, String wrong, String action) {
	}

}
