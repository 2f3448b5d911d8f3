package io.caas.auth.metrics;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.caas.metrics.catalog.MetricCatalog;
import io.caas.metrics.meter.CatalogMeters;
import io.caas.metrics.meter.MeterFamily;
import io.micrometer.core.instrument.Counter;
import io.quarkus.runtime.Startup;

/** Auth's domain metrics: tokens issued by tenant and authentication failures by reason. */
@Startup
@ApplicationScoped
public class AuthMetrics {

    /** Why an authentication attempt was rejected; the {@code reason} label. */
    public enum FailureReason {
        MISSING_KEY, INVALID_KEY, REVOKED_KEY, MISSING_ADMIN_TOKEN, BAD_ADMIN_TOKEN;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final MeterFamily<Counter> tokensIssued;
    private final Map<FailureReason, Counter> failures = new EnumMap<>(FailureReason.class);

    public AuthMetrics(CatalogMeters meters) {
        this.tokensIssued = meters.counters(MetricCatalog.TOKENS_ISSUED);
        // Every reason exists from the start at 0, so rate() and alerts see the first failure.
        for (FailureReason reason : FailureReason.values()) {
            failures.put(reason, meters.counter(MetricCatalog.AUTH_FAILURES, reason.label()));
        }
    }

    public void tokenIssued(String tenantId) {
        tokensIssued.get(tenantId).increment();
    }

    public void failed(FailureReason reason) {
        failures.get(reason).increment();
    }
}
