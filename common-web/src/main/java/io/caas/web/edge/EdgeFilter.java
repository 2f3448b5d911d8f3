package io.caas.web.edge;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.caas.web.error.ErrorResponse;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * What every request must satisfy before any endpoint, or credentials, are looked at — answered in the JSON error
 * shape, where the framework would write a bare status: a request target over the limit (414), headers over the
 * limit (431), a body over {@code quarkus.http.limits.max-body-size} (413, declared or chunked), a body that does
 * not say what it is (415). A chunked body is read here, up to the limit, and handed to Quarkus REST by
 * {@link PreReadBody}: otherwise the REST layer writes its own body-less 413 mid-stream.
 */
@ApplicationScoped
public class EdgeFilter {

    /** Where a chunked body read here waits for {@link PreReadBody}. */
    static final String PRE_READ_BODY = "caas.pre-read-body";

    private static final int PRIORITY = 9_000; // after the metrics filter, so every refusal is still recorded

    private final int maxUriLength;
    private final long maxHeaderBytes;
    private final long maxBodyBytes;

    public EdgeFilter(EdgeConfig config,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize) {
        this.maxUriLength = config.maxUriLength();
        this.maxHeaderBytes = config.maxHeaderSize().asLongValue();
        this.maxBodyBytes = maxBodySize.asLongValue();
    }

    void register(@Observes Filters filters) {
        filters.register(this::check, PRIORITY);
    }

    private void check(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        if (request.uri().length() > maxUriLength) {
            reject(rc, 414, "uri_too_long", "The request target is longer than " + maxUriLength + " characters.");
            return;
        }
        if (headerBytes(request) > maxHeaderBytes) {
            reject(rc, 431, "headers_too_large", "The request headers are larger than " + maxHeaderBytes + " bytes.");
            return;
        }
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        long declared = length == null ? 0 : declaredLength(length);
        boolean chunked = request.headers().contains(HttpHeaders.TRANSFER_ENCODING, HttpHeaders.CHUNKED, true);
        if (declared > maxBodyBytes) {
            tooLarge(rc);
            return;
        }
        if ((declared > 0 || chunked) && request.getHeader(HttpHeaders.CONTENT_TYPE) == null) {
            reject(rc, 415, "unsupported_media_type", "A request with a body must name its type: Content-Type: application/json.");
            return;
        }
        if (chunked) {
            readChunked(rc);
            return;
        }
        rc.next();
    }

    /** Reads a chunked body up to the limit; beyond it, 413 at once and the rest is never buffered. */
    private void readChunked(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        Buffer body = Buffer.buffer();
        boolean[] refused = {false};
        request.handler(chunk -> {
            if (refused[0]) {
                return; // discarded until the connection closes
            }
            if (body.length() + chunk.length() > maxBodyBytes) {
                refused[0] = true;
                tooLarge(rc);
                return;
            }
            body.appendBuffer(chunk);
        });
        request.endHandler(ended -> {
            if (!refused[0]) {
                rc.put(PRE_READ_BODY, body);
                rc.next();
            }
        });
        if ("100-continue".equalsIgnoreCase(request.getHeader(HttpHeaders.EXPECT))) {
            rc.response().writeContinue();
        }
        request.resume();
    }

    private void tooLarge(RoutingContext rc) {
        reject(rc, 413, "payload_too_large", "The request body is larger than " + maxBodyBytes + " bytes.");
    }

    /** Answers and closes: a body may still be arriving, and nobody will read it. */
    private static void reject(RoutingContext rc, int status, String code, String message) {
        rc.response().putHeader(HttpHeaders.CONNECTION, "close");
        ErrorResponse.send(rc.response(), status, code, message);
    }

    private static long headerBytes(HttpServerRequest request) {
        long bytes = 0;
        for (Map.Entry<String, String> header : request.headers()) {
            bytes += header.getKey().length() + header.getValue().length() + 4; // ": " and CRLF
        }
        return bytes;
    }

    private static long declaredLength(String header) {
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE; // an unparseable length is not a body we will read
        }
    }
}
