package io.caas.metrics;

import java.util.Set;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.caas.metrics.http.HttpMetrics;
import io.caas.metrics.meter.CatalogMeters;
import io.caas.metrics.telemetry.TelemetryConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheus.PrometheusMeterRegistry;

/** CDI wiring of the plain-Java metric classes (they are plain so that JMH can use them without Quarkus). */
public class MetricsProducers {

    @Produces
    @Singleton
    CatalogMeters catalogMeters(MeterRegistry composite, PrometheusMeterRegistry prometheus, MetricsConfig config,
            TelemetryConfig telemetry) {
        // The composite fans every recording out to its children (~25 ns more per request, see BENCHMARKS.md);
        // it is only worth that when a second registry, the OTLP push, needs the caas_* meters too.
        MeterRegistry target = telemetry.otlp().pushMetrics() ? composite : prometheus;
        return new CatalogMeters(target, config::capFor);
    }

    /**
     * Two of Micrometer's built-in meters break Prometheus naming, so promtool check metrics rejects the scrape:
     * {@code process_cpu_time_ns_total} (abbreviated unit) and {@code system_cpu_count} (a gauge ending in
     * {@code _count}). Dashboards use {@code process_cpu_usage}; these two are not exported.
     */
    @Produces
    @Singleton
    MeterFilter withoutMetersPrometheusRejects() {
        Set<String> rejected = Set.of("process.cpu.time", "system.cpu.count");
        return MeterFilter.deny(id -> rejected.contains(id.getName()));
    }

    @Produces
    @Singleton
    HttpMetrics httpMetrics(CatalogMeters meters) {
        return new HttpMetrics(meters);
    }
}
