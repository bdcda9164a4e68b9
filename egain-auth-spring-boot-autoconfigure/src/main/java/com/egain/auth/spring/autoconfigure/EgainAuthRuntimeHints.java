package com.egain.auth.spring.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.boot.context.properties.bind.BindableRuntimeHintsRegistrar;

/**
 * What the starter needs at run time in a native image beyond what Spring AOT infers from
 * the bean definitions: reflection on {@link EgainAuthProperties} and its nested types,
 * which {@code egain.auth.*} is bound to (and which Actuator's {@code configprops}
 * endpoint reads).
 *
 * <p>The starter reads token responses as untyped JSON (maps and lists), loads no
 * resources of its own and creates no proxies, so it needs no other hints.
 */
class EgainAuthRuntimeHints implements RuntimeHintsRegistrar {

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		BindableRuntimeHintsRegistrar.forTypes(EgainAuthProperties.class).registerHints(hints, classLoader);
	}

}
