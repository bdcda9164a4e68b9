package com.egain.auth.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Medians and ranges over repeated rounds.
 */
final class Stats {

	private Stats() {
	}

	static <T> double median(List<T> items, ToDoubleFunction<T> value) {
		List<Double> values = sorted(items, value);
		int size = values.size();
		if (size == 0) {
			return Double.NaN;
		}
		return (size % 2 == 1) ? values.get(size / 2) : (values.get(size / 2 - 1) + values.get(size / 2)) / 2;
	}

	static <T> double min(List<T> items, ToDoubleFunction<T> value) {
		return sorted(items, value).get(0);
	}

	static <T> double max(List<T> items, ToDoubleFunction<T> value) {
		List<Double> values = sorted(items, value);
		return values.get(values.size() - 1);
	}

	private static <T> List<Double> sorted(List<T> items, ToDoubleFunction<T> value) {
		List<Double> values = new ArrayList<>();
		for (T item : items) {
			values.add(value.applyAsDouble(item));
		}
		Collections.sort(values);
		return values;
	}

}
