package io.caas.gateway.message;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

/**
 * Stamps when a message request arrived, on the event loop before it waits for a worker thread, so the event's
 * {@code received_at} — and socket's delivery latency measured from it — includes the queueing a client sees.
 */
@ApplicationScoped
public class ReceivedAt {

    private static final String KEY = "caas.received-at";
    private static final String PATH = "/v1/messages";
    private static final int PRIORITY = 20_000; // before every other filter: the arrival, not a later moment

    void register(@Observes Filters filters) {
        filters.register(rc -> {
            if (rc.request().method() == HttpMethod.POST && PATH.equals(rc.request().path())) {
                rc.put(KEY, Instant.now());
            }
            rc.next();
        }, PRIORITY);
    }

    /** The arrival of this request, or now when it was not stamped. */
    static Instant of(RoutingContext rc) {
        Instant stamped = rc.get(KEY);
        return stamped != null ? stamped : Instant.now();
    }
}
