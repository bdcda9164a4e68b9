package com.egain.auth.spring.sample.mvc;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.service.registry.ImportHttpServices;

/**
 * A Spring MVC application, with no WebFlux on its classpath, that calls eGain APIs
 * through the starter: the {@link ArticleSearch} HTTP service interface in the
 * {@code portal} group, whose RestClient the starter points at the {@code portal}
 * client's base URL and pre-authorizes, and the {@code visitor} client's pre-authorized
 * RestClient. Both clients are configured in {@code application.yml}. Started with
 * the {@code emulator} profile and no client credentials, it calls a built-in eGain
 * emulator.
 */
@SpringBootApplication
@ImportHttpServices(group = "portal", types = ArticleSearch.class)
public class MvcSampleApplication {

	public static void main(String[] args) {
		SpringApplication.run(MvcSampleApplication.class, args);
	}

}
