/**
 * The credentials of each client as they are now: a client id and secret read from a
 * property, a file that is read again when it changes, or the application's
 * {@link com.egain.auth.spring.EgainClientSecretSource}.
 */
@NullMarked
package com.egain.auth.spring.credentials;

import org.jspecify.annotations.NullMarked;
