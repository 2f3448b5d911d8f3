package io.caas.web.error;

/** The body of every error response: {@code {"error":"<code>","message":"<what was wrong>"}}. */
public record ErrorResponse(String error, String message) {
}
