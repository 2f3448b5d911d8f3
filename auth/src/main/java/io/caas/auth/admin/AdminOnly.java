package io.caas.auth.admin;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.ws.rs.NameBinding;

/**
 * Only the administrator may call the annotated resource, and that is checked before anything else about the
 * request — its body, its path parameters — is looked at: without the admin token every request is a 401.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
public @interface AdminOnly {
}
