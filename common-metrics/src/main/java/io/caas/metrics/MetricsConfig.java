package io.caas.metrics;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Configuration of the common metrics, under {@code caas.metrics}. */
@ConfigMapping(prefix = "caas.metrics")
public interface MetricsConfig {

    /** Default cap of distinct values per capped label (e.g. tenant_id) per metric. */
    @WithDefault("100")
    int labelCap();

    /** Per-metric caps that override {@link #labelCap()}, keyed by metric name. */
    Map<String, Integer> labelCaps();

    /** Dependency probes. */
    Probes probes();

    /** The HTTP request metrics. */
    Http http();

    interface Http {
        /**
         * Whether HTTP requests are recorded ({@code caas_http_requests_total}, {@code caas_request_duration_seconds}).
         * Off only to measure what recording costs (BENCHMARKS.md): dashboards, alerts and SLOs need it on.
         */
        @WithDefault("true")
        boolean enabled();

        /**
         * Exact paths served outside Quarkus REST (a WebSocket endpoint, whose refused upgrades are HTTP
         * responses) that are recorded as their own {@code path} instead of UNMATCHED. Fixed by configuration,
         * so the label stays bounded.
         */
        Optional<Set<String>> routes();
    }

    interface Probes {
        /** How often every dependency is probed. */
        @WithDefault("15s")
        Duration interval();

        /** How long one probe may take before it counts as down. */
        @WithDefault("3s")
        Duration timeout();

        /**
         * Dependencies whose probe must be up for the service to be ready (readiness, never liveness: a dependency's
         * outage must not get pods restarted), e.g. {@code kafka} for the gateway, which accepts nothing without it.
         */
        Optional<Set<String>> readiness();
    }

    /** The cap for one metric's capped labels. */
    default int capFor(String metricName) {
        return labelCaps().getOrDefault(metricName, labelCap());
    }
}
