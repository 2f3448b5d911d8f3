package io.caas.metrics.http;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.caas.metrics.MetricsConfig;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.impl.HttpServerRequestInternal;
import io.vertx.ext.web.RoutingContext;

/**
 * Times every request on the application HTTP server (the management interface is not instrumented) and
 * records it through {@link HttpMetrics} when the response ends.
 */
@ApplicationScoped
public class HttpMetricsFilter {

    /** Key under which Quarkus REST stores the matched route template in the request context. */
    static final String URL_PATH_TEMPLATE = "UrlPathTemplate";

    /** Runs before security and routing, so 401s and 404s are timed too. */
    private static final int PRIORITY = 10_000;

    private final HttpMetrics metrics;
    private final Set<String> routes;
    private final boolean enabled;

    public HttpMetricsFilter(HttpMetrics metrics, MetricsConfig config) {
        this.metrics = metrics;
        this.routes = config.http().routes().orElse(Set.of());
        this.enabled = config.http().enabled();
    }

    void register(@Observes Filters filters) {
        if (enabled) {
            filters.register(this::handle, PRIORITY);
        }
    }

    private void handle(RoutingContext rc) {
        long start = System.nanoTime();
        // A sampled server span is current here: re-entering it at the end lets the exemplar carry its trace id.
        // Without one there is nothing to carry, and no scope to open per request.
        Context traceContext = Context.current();
        if (Span.fromContext(traceContext).getSpanContext().isSampled()) {
            rc.addEndHandler(ended -> {
                try (Scope scope = traceContext.makeCurrent()) {
                    record(rc, start);
                }
            });
        } else {
            rc.addEndHandler(ended -> record(rc, start));
        }
        rc.next();
    }

    private void record(RoutingContext rc, long start) {
        metrics.record(rc.request().method().name(), routeTemplate(rc), rc.response().getStatusCode(), System.nanoTime() - start);
    }

    /**
     * The route template Quarkus REST matched, else the request path if it is one of the configured routes
     * served outside Quarkus REST, else {@code null} (unmatched). A successful WebSocket upgrade never ends as an
     * HTTP response (Vert.x writes the 101 itself), so it is not recorded here at all; a refused upgrade is an
     * ordinary response and is.
     */
    private String routeTemplate(RoutingContext rc) {
        Object template = ((HttpServerRequestInternal) rc.request()).context().getLocal(URL_PATH_TEMPLATE);
        if (template != null) {
            return template.toString();
        }
        String path = rc.request().path();
        return routes.contains(path) ? path : null;
    }
}
