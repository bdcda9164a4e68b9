/**
 * What the auto-configurations of both HTTP stacks share: the per-client qualified
 * beans and redirect-free HTTP client settings.
 */
@NullMarked
package com.egain.auth.spring.autoconfigure.web;

import org.jspecify.annotations.NullMarked;
