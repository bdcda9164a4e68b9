/**
 * Auto-configuration of the Redis token store.
 */
@NullMarked
package com.egain.auth.spring.autoconfigure.redis;

import org.jspecify.annotations.NullMarked;
