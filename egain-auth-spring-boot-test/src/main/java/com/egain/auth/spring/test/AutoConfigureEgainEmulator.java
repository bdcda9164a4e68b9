package com.egain.auth.spring.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.test.context.TestPropertySource;

/**
 * Runs a {@code @SpringBootTest} against an emulated eGain: an {@link EgainEmulator}
 * starts on a free port of 127.0.0.1 for the test's application context, and every
 * configured eGain client ({@code egain.auth.clients.*}) has its {@code token-uri} and
 * {@code base-url}, and {@code egain.auth.api-base-url}, pointed at it, while the
 * application's own configuration keeps its real eGain URLs.
 *
 * <p>The emulator knows the clients as the application configures them (names, flows,
 * tenants, credentials, scopes) and checks every token request as eGain's
 * client-credentials guide describes it. A client id or secret that is not set, or whose
 * placeholder nothing defines (no {@code EGAIN_CLIENT_SECRET} on a build machine), gets a
 * generated value. Inject the {@link EgainEmulator} to stub the eGain APIs the
 * application calls and to inject faults.
 *
 * <p>Contexts with the same configuration are cached and shared as Spring's test
 * framework does: before each test method, the emulator's counts and stubs are reset and
 * the starter's cached tokens dropped, and a context whose test injected a fault
 * ({@link EgainEmulator#failTokenRequests}, {@link EgainEmulator#revokeTokens}) is closed
 * after that test.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
// The samples' own emulator (egain.emulator.enabled) stays off: this one takes its place.
@TestPropertySource(properties = "egain.emulator.enabled=false")
public @interface AutoConfigureEgainEmulator {

}
