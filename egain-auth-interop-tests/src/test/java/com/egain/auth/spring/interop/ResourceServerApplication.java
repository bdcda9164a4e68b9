package com.egain.auth.spring.interop;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * eGain-like APIs alone, accepting the tokens of an authorization server elsewhere (set
 * {@value ResourceServerConfiguration#JWK_SET_URI_PROPERTY}).
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@Import(ResourceServerConfiguration.class)
class ResourceServerApplication {

}
