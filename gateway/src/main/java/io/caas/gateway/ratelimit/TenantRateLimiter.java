package io.caas.gateway.ratelimit;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import io.caas.gateway.config.GatewayConfig;
import io.caas.metrics.catalog.MetricCatalog;
import io.caas.metrics.meter.CatalogMeters;
import io.caas.metrics.meter.MeterFamily;
import io.caas.web.error.ApiException;
import io.micrometer.core.instrument.Counter;
import io.quarkus.scheduler.Scheduled;

/**
 * A token bucket per tenant (per replica): {@code per-second} sustained, {@code burst} at once. Rejections are
 * 429 with {@code Retry-After} and counted per tenant.
 */
@ApplicationScoped
public class TenantRateLimiter {

    private static final long IDLE_NANOS = TimeUnit.MINUTES.toNanos(10);

    private final double perNano;
    private final double burst;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final MeterFamily<Counter> rejected;

    public TenantRateLimiter(GatewayConfig config, CatalogMeters meters) {
        this.perNano = config.rateLimit().perSecond() / 1e9;
        this.burst = config.rateLimit().burst();
        this.rejected = meters.counters(MetricCatalog.RATE_LIMITED);
    }

    /** Takes one message from the tenant's bucket, or throws 429 with {@code Retry-After}. */
    public void acquire(String tenant) {
        Bucket bucket = buckets.get(tenant);
        if (bucket == null) { // a capturing lambda would be allocated on every message
            bucket = buckets.computeIfAbsent(tenant, t -> new Bucket(burst, System.nanoTime()));
        }
        long waitNanos = bucket.take(perNano, burst);
        if (waitNanos > 0) {
            rejected.get(tenant).increment();
            long retryAfter = Math.max(1, (long) Math.ceil(waitNanos / 1e9));
            throw new ApiException(429, "rate_limited", "Too many messages for this tenant; retry after " + retryAfter + " s.")
                    .header("Retry-After", retryAfter);
        }
    }

    @Scheduled(identity = "rate-limit-idle-buckets", every = "1m")
    void forgetIdleTenants() {
        long now = System.nanoTime();
        buckets.values().removeIf(bucket -> bucket.idleSince(now) > IDLE_NANOS);
    }

    static final class Bucket { // package-private for its unit test
        private double tokens;
        private long refilledAt;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.refilledAt = now;
        }

        /** 0 when a token was taken, else nanoseconds until one will be available. */
        synchronized long take(double perNano, double burst) {
            long now = System.nanoTime();
            tokens = Math.min(burst, tokens + (now - refilledAt) * perNano);
            refilledAt = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - tokens) / perNano);
        }

        synchronized long idleSince(long now) {
            return now - refilledAt;
        }
    }
}
