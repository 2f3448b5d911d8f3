package io.caas.metrics.http;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.caas.metrics.MetricsConfig;
import io.quarkus.vertx.http.runtime.filters.Filters;

/**
 * Times every request on the application HTTP server (the management interface is not instrumented) with a
 * {@link RequestTimer}, unless {@code caas.metrics.http.enabled} is off.
 */
@ApplicationScoped
public class HttpMetricsFilter {

    /** Runs before security and routing, so 401s and 404s are timed too. */
    private static final int PRIORITY = 10_000;

    private final RequestTimer timer;
    private final boolean enabled;

    public HttpMetricsFilter(HttpMetrics metrics, MetricsConfig config) {
        this.timer = new RequestTimer(metrics, config.http().routes().orElse(Set.of()));
        this.enabled = config.http().enabled();
    }

    void register(@Observes Filters filters) {
        if (enabled) {
            filters.register(timer, PRIORITY);
        }
    }
}
