package com.egain.auth.spring.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A WebFlux application that calls eGain APIs through the starter's pre-authorized
 * WebClients: a client-app client ({@code portal}) and an anonymous-customer client
 * ({@code visitor}), configured in {@code application.yml}. Started with
 * the {@code emulator} profile and no client credentials, it calls a built-in eGain
 * emulator.
 */
@SpringBootApplication
public class SampleApplication {

	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

}
