package com.egain.auth.spring.autoconfigure.web;

import java.util.function.BiConsumer;

import com.egain.auth.spring.EgainClient;
import com.egain.auth.spring.EgainClientRegistrations;

import org.springframework.web.service.registry.HttpServiceGroupConfigurer.Groups;

/**
 * The HTTP service groups of eGain clients, in one way for both HTTP stacks: a group whose
 * name is a client's name belongs to that client.
 *
 * <p>Internal to the starter's auto-configuration.
 */
public final class EgainHttpServiceGroups {

	private EgainHttpServiceGroups() {
	}

	/**
	 * Configure the client builder of each group that belongs to an eGain client.
	 * @param <B> the type of the client builders
	 * @param groups the groups
	 * @param registrations the clients
	 * @param configurer configures the builder of a group with its client
	 */
	public static <B> void configure(Groups<B> groups, EgainClientRegistrations registrations,
			BiConsumer<EgainClient, B> configurer) {
		groups.filter((group) -> registrations.names().contains(group.name()))
			.forEachClient((group, builder) -> configurer.accept(registrations.get(group.name()), builder));
	}

}
