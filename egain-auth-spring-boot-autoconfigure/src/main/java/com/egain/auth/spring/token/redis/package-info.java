/**
 * The Redis token store, which shares one token per client across the instances of an
 * application; needs Spring Data Redis with Lettuce.
 */
@NullMarked
package com.egain.auth.spring.token.redis;

import org.jspecify.annotations.NullMarked;
