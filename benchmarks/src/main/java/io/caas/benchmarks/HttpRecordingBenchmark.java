package io.caas.benchmarks;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import io.caas.metrics.catalog.MetricCatalog;
import io.caas.metrics.http.HttpMetrics;
import io.caas.metrics.meter.CatalogMeters;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.prometheus.client.CollectorRegistry;

/**
 * The cost of recording one HTTP request (counter + duration histogram), against the registries a service has at
 * run time (the Prometheus registry with Micrometer's system clock, under Quarkus' composite): through the catalog's
 * cached meters (registered on the Prometheus registry, as with OTLP push off, or through the composite), the same
 * with a ticked wall clock, the naive Micrometer way (builders per call on the composite, as application code
 * usually does), and a bare LongAdder increment as the floor.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class HttpRecordingBenchmark {

    private static final String PATH = "/v1/tenants/{tenant_id}/usage";
    private static final long DURATION_NANOS = 3_456_789;
    private static final Duration[] BUCKETS = MetricCatalog.REQUEST_DURATION.buckets().stream()
            .map(seconds -> Duration.ofNanos(Math.round(seconds * 1e9))).toArray(Duration[]::new);

    private MeterRegistry registry;
    private HttpMetrics catalog;
    private HttpMetrics catalogOnComposite;
    private final RequestClockBenchmark.TickedWallClock tickedClock = new RequestClockBenchmark.TickedWallClock();
    private HttpMetrics catalogTickedClock;
    private final LongAdder floor = new LongAdder();

    @Setup
    public void setUp() {
        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT, new CollectorRegistry(), Clock.SYSTEM);
        CompositeMeterRegistry composite = new CompositeMeterRegistry();
        composite.add(prometheus);
        registry = composite;
        catalog = new HttpMetrics(new CatalogMeters(prometheus, metric -> 100));
        catalog.record("GET", PATH, 200, DURATION_NANOS);
        catalogOnComposite = new HttpMetrics(new CatalogMeters(composite, metric -> 100));
        catalogOnComposite.record("POST", PATH, 200, DURATION_NANOS);
        catalogTickedClock = new HttpMetrics(new CatalogMeters(
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT, new CollectorRegistry(), tickedClock), metric -> 100));
        catalogTickedClock.record("GET", PATH, 200, DURATION_NANOS);
    }

    @TearDown
    public void tearDown() {
        tickedClock.close();
    }

    @Benchmark
    public void catalogCachedMeters() {
        catalog.record("GET", PATH, 200, DURATION_NANOS);
    }

    /** As a service records with OTLP push on: the same cached meters, registered through the composite. */
    @Benchmark
    public void catalogCachedMetersOnComposite() {
        catalogOnComposite.record("POST", PATH, 200, DURATION_NANOS);
    }

    /** The same as catalogCachedMeters with wall time read from a field instead of the system clock. */
    @Benchmark
    public void catalogCachedMetersTickedClock() {
        catalogTickedClock.record("GET", PATH, 200, DURATION_NANOS);
    }

    @Benchmark
    public void naiveBuilderPerCall() {
        Counter.builder("caas_http_requests_total")
                .tags("method", "GET", "path", PATH, "status", "200")
                .register(registry).increment();
        Timer.builder("caas_request_duration_seconds")
                .tags("method", "GET", "path", PATH)
                .serviceLevelObjectives(BUCKETS)
                .register(registry).record(DURATION_NANOS, TimeUnit.NANOSECONDS);
    }

    @Benchmark
    public void longAdderFloor() {
        floor.increment();
    }
}
