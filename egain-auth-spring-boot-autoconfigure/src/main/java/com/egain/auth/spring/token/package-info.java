/**
 * The starter's token management: one cache per client with single flight, background
 * refresh, remembered failures and bounded renewal after {@code 401}, and the in-memory
 * token store.
 */
@NullMarked
package com.egain.auth.spring.token;

import org.jspecify.annotations.NullMarked;
