package io.caas.metrics.telemetry;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.registry.otlp.OtlpConfig;
import io.micrometer.registry.otlp.OtlpMeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Opt-in push of the caas_* meters over OTLP/HTTP ({@code caas.telemetry.otlp.push-metrics=true} plus an
 * endpoint). When off, no second registry exists, so recording costs nothing extra.
 */
@ApplicationScoped
public class OtlpMetricsPush {

    private static final Logger LOG = Logger.getLogger(OtlpMetricsPush.class);

    private final TelemetryConfig config;
    private final MeterRegistry registry;
    private final String serviceName;
    private OtlpMeterRegistry otlp;

    public OtlpMetricsPush(TelemetryConfig config, MeterRegistry registry,
            @ConfigProperty(name = "quarkus.application.name") String serviceName) {
        this.config = config;
        this.registry = registry;
        this.serviceName = serviceName;
    }

    void start(@Observes StartupEvent event) {
        TelemetryConfig.Otlp otlpConfig = config.otlp();
        if (!otlpConfig.pushMetrics()) {
            return;
        }
        String endpoint = otlpConfig.endpoint().orElseThrow(() -> new IllegalStateException(
                "caas.telemetry.otlp.push-metrics=true needs caas.telemetry.otlp.endpoint"));
        if (!(registry instanceof CompositeMeterRegistry composite)) {
            throw new IllegalStateException("Expected the composite meter registry, got " + registry.getClass());
        }
        Map<String, String> settings = Map.of(
                "otlp.url", OtlpEndpoints.resolve(endpoint, "v1/metrics"),
                "otlp.step", otlpConfig.step().toString(),
                "otlp.resourceAttributes", "service.name=" + serviceName);
        OtlpConfig otlpRegistryConfig = new OtlpConfig() {
            @Override
            public String get(String key) {
                return settings.get(key);
            }

            @Override
            public TimeUnit baseTimeUnit() {
                return TimeUnit.SECONDS;
            }
        };
        otlp = new OtlpMeterRegistry(otlpRegistryConfig, Clock.SYSTEM);
        otlp.config().meterFilter(MeterFilter.acceptNameStartsWith("caas_")).meterFilter(MeterFilter.deny());
        composite.add(otlp);
        LOG.infof("Pushing caas_* metrics over OTLP/HTTP to %s every %s", settings.get("otlp.url"), otlpConfig.step());
    }

    void stop(@Observes ShutdownEvent event) {
        if (otlp != null) {
            ((CompositeMeterRegistry) registry).remove(otlp);
            otlp.close(); // publishes what is left
        }
    }
}
