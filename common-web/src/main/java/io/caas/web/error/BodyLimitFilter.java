package io.caas.web.error;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;

/**
 * Answers a request whose declared body exceeds {@code quarkus.http.limits.max-body-size} with 413 in the JSON
 * error shape, before any of it is read (the framework's own 413 for this case has no body).
 */
@ApplicationScoped
public class BodyLimitFilter {

    private static final int PRIORITY = 9_000; // after the metrics filter, so the 413 is still recorded

    private final long maxBodyBytes;

    public BodyLimitFilter(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize) {
        this.maxBodyBytes = maxBodySize.asLongValue();
    }

    void register(@Observes Filters filters) {
        filters.register(this::check, PRIORITY);
    }

    private void check(RoutingContext rc) {
        String length = rc.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && declaredLength(length) > maxBodyBytes) {
            rc.response().setStatusCode(413)
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .putHeader(HttpHeaders.CONNECTION, "close")
                    .end(Json.encode(new ErrorResponse("payload_too_large",
                            "The request body is larger than " + maxBodyBytes + " bytes.")));
            return;
        }
        rc.next();
    }

    private static long declaredLength(String header) {
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE; // an unparseable length is not a body we will read
        }
    }
}
