package io.caas.caller;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.ws.rs.NameBinding;

/**
 * The bearer token of a request to the annotated resource is verified before its body is read: a caller without a
 * valid token learns nothing about what the API expects (401, never a 400 about the body).
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
public @interface TokenBeforeBody {
}
