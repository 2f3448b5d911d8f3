package io.caas.metrics.build;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.caas.metrics.catalog.MetricCatalog;
import io.caas.metrics.meter.CatalogMeters;
import io.quarkus.runtime.StartupEvent;

/** Publishes {@code caas_build_info{service,version} 1} from the Quarkus application name and version. */
@ApplicationScoped
public class BuildInfoMetrics {

    private final CatalogMeters meters;
    private final String service;
    private final String version;

    public BuildInfoMetrics(CatalogMeters meters,
            @ConfigProperty(name = "quarkus.application.name") String service,
            @ConfigProperty(name = "quarkus.application.version") String version) {
        this.meters = meters;
        this.service = service;
        this.version = version;
    }

    void publish(@Observes StartupEvent event) {
        meters.gauge(MetricCatalog.BUILD_INFO, this, info -> 1.0, service, version);
    }
}
