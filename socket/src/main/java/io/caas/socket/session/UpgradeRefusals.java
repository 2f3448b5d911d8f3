package io.caas.socket.session;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.caas.caller.CallerTenant;
import io.caas.web.error.ApiException;
import io.caas.web.error.ErrorResponse;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * Answers every request to {@code /v1/ws} that will not become a WebSocket in the JSON error shape, before Vert.x and
 * websockets-next would answer it with a bare status (or the router with a 404): another method (405), no valid token
 * (401, checked as {@link TokenUpgradeCheck} will check it, and before anything about the handshake), a plain GET or
 * an unsupported protocol version (426, naming version 13), a malformed handshake (400). Upgrades that pass go on to
 * the endpoint.
 */
@ApplicationScoped
public class UpgradeRefusals {

    private static final String PATH = "/v1/ws";
    private static final int PRIORITY = 8_000; // after common-web's edge limits, which already answered oversized requests

    private final CallerTenant caller;

    public UpgradeRefusals(CallerTenant caller) {
        this.caller = caller;
    }

    void register(@Observes Filters filters) {
        filters.register(this::check, PRIORITY);
    }

    private void check(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        if (!PATH.equals(request.path())) {
            rc.next();
            return;
        }
        if (request.method() != HttpMethod.GET) {
            rc.response().putHeader("Allow", "GET");
            refuse(rc, 405, "method_not_allowed", "The WebSocket endpoint takes only a GET upgrade.");
            return;
        }
        try {
            caller.verify(TokenUpgradeCheck.authorization(request)); // CPU only: keys and revocations are in memory
        } catch (ApiException e) {
            rc.response().putHeader("WWW-Authenticate", "Bearer");
            refuse(rc, e.status(), e.code(), e.getMessage());
            return;
        }
        if (!"websocket".equalsIgnoreCase(request.getHeader(HttpHeaders.UPGRADE))) {
            rc.response().putHeader(HttpHeaders.UPGRADE, "websocket");
            refuse(rc, 426, "upgrade_required", "This endpoint speaks WebSocket: send Upgrade: websocket.");
        } else if (!"13".equals(request.getHeader("Sec-WebSocket-Version"))) {
            rc.response().putHeader("Sec-WebSocket-Version", "13");
            refuse(rc, 426, "upgrade_required", "Only WebSocket version 13 (RFC 6455) is supported.");
        } else if (!connectionUpgrade(request) || request.getHeader("Sec-WebSocket-Key") == null) {
            refuse(rc, 400, "bad_request", "A WebSocket handshake needs Connection: Upgrade and a Sec-WebSocket-Key.");
        } else {
            rc.next();
        }
    }

    private static boolean connectionUpgrade(HttpServerRequest request) {
        String connection = request.getHeader(HttpHeaders.CONNECTION);
        if (connection == null) {
            return false;
        }
        for (String token : connection.split(",")) {
            if ("upgrade".equalsIgnoreCase(token.trim())) {
                return true;
            }
        }
        return false;
    }

    private static void refuse(RoutingContext rc, int status, String code, String message) {
        ErrorResponse.send(rc.response(), status, code, message);
    }
}
