package io.caas.metrics;

import java.time.Duration;
import java.util.Map;

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

    interface Probes {
        /** How often every dependency is probed. */
        @WithDefault("15s")
        Duration interval();

        /** How long one probe may take before it counts as down. */
        @WithDefault("3s")
        Duration timeout();
    }

    /** The cap for one metric's capped labels. */
    default int capFor(String metricName) {
        return labelCaps().getOrDefault(metricName, labelCap());
    }
}
