package io.caas.web.error;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The body of every error response: {@code {"error":"<code>","message":"<what was wrong>"}}. */
@RegisterForReflection // also serialized outside Quarkus REST (BodyLimitFilter), which native images must know
public record ErrorResponse(String error, String message) {
}
