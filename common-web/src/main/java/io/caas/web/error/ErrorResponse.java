package io.caas.web.error;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.Json;

/** The body of every error response: {@code {"error":"<code>","message":"<what was wrong>"}}. */
@RegisterForReflection // also serialized outside Quarkus REST (the HTTP edge), which native images must know
public record ErrorResponse(String error, String message) {

    /** The code of a status when nothing more specific is known, e.g. a 404 of the router. */
    public static String codeFor(int status) {
        return switch (status) {
            case 400 -> "bad_request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 406 -> "not_acceptable";
            case 408 -> "request_timeout";
            case 411 -> "length_required";
            case 413 -> "payload_too_large";
            case 414 -> "uri_too_long";
            case 415 -> "unsupported_media_type";
            case 426 -> "upgrade_required";
            case 431 -> "headers_too_large";
            case 503 -> "unavailable";
            default -> status >= 500 ? "internal_error" : "request_rejected";
        };
    }

    /** Ends a Vert.x response with this error, for the answers written below Quarkus REST. */
    public static void send(HttpServerResponse response, int status, String code, String message) {
        response.setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(Json.encode(new ErrorResponse(code, message)));
    }
}
