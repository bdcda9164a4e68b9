package com.egain.auth.spring.interop;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * The in-JVM stand-in for eGain: Spring Authorization Server at eGain's token endpoint
 * paths, and eGain-like APIs that accept only its valid tokens.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@Import({ EgainAuthorizationServerConfiguration.class, ResourceServerConfiguration.class })
class AuthorizationServerApplication {

}
