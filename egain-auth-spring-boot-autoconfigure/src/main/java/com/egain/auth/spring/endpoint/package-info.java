/**
 * The client of eGain's token endpoints: the token request of each client type, the
 * response reader, the failure classification and the retry policy.
 */
@NullMarked
package com.egain.auth.spring.endpoint;

import org.jspecify.annotations.NullMarked;
