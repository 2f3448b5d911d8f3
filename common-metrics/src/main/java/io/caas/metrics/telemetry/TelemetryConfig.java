package io.caas.metrics.telemetry;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Push of traces and metrics over OTLP/HTTP, under {@code caas.telemetry}; off until an endpoint is set. */
@ConfigMapping(prefix = "caas.telemetry")
public interface TelemetryConfig {

    Otlp otlp();

    interface Otlp {
        /** Base URL of an OTLP/HTTP receiver such as an OpenTelemetry Collector ({@code http://collector:4318}). */
        Optional<String> endpoint();

        /** Also push the caas_* metrics to the endpoint (Prometheus scraping stays on either way). */
        @WithDefault("false")
        boolean pushMetrics();

        /** Interval of the metrics push. */
        @WithDefault("30s")
        Duration step();
    }
}
