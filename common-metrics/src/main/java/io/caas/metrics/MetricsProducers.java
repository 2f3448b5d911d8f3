package io.caas.metrics;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.caas.metrics.http.HttpMetrics;
import io.caas.metrics.meter.CatalogMeters;
import io.micrometer.core.instrument.MeterRegistry;

/** CDI wiring of the plain-Java metric classes (they are plain so that JMH can use them without Quarkus). */
public class MetricsProducers {

    @Produces
    @Singleton
    CatalogMeters catalogMeters(MeterRegistry registry, MetricsConfig config) {
        return new CatalogMeters(registry, config::capFor);
    }

    @Produces
    @Singleton
    HttpMetrics httpMetrics(CatalogMeters meters) {
        return new HttpMetrics(meters);
    }
}
