package io.caas.metrics.scrape;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import io.caas.metrics.catalog.MetricCatalog;
import io.caas.metrics.http.HttpMetrics;
import io.caas.metrics.meter.CatalogMeters;
import io.caas.metrics.meter.MeterFamily;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.exemplars.DefaultExemplarSampler;
import io.prometheus.client.exemplars.tracer.common.SpanContextSupplier;
import io.prometheus.client.exporter.common.TextFormat;

/**
 * Size and time of the OpenMetrics body /q/metrics serves for about 10,000 series, every one recorded under a
 * sampled span (the worst case for exemplars), in two shapes: mostly counters (tenants' message counts) and mostly
 * histograms (request durations of many routes). A measurement to run by hand, not a test: timings on a shared
 * machine make poor assertions.
 *
 * <pre>
 * ./mvnw -q -o -pl common-metrics -am test-compile
 * ./mvnw -q -o -pl common-metrics dependency:build-classpath -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test
 * java -cp common-metrics/target/test-classes:common-metrics/target/classes:$(cat common-metrics/target/test.classpath) \
 *     io.caas.metrics.scrape.ScrapeMeasurement
 * </pre>
 */
public final class ScrapeMeasurement {

    private static final int TENANTS = 2_500;
    private static final List<String> TYPES = List.of("text", "image", "file", "system");
    private static final int ROUTES = 385;
    private static final List<String> METHODS = List.of("GET", "POST");
    private static final int[] STATUSES = {200, 404, 500};
    /** One duration per bucket of caas_request_duration_seconds (0.01 ... 5, +Inf), so every bucket has an exemplar. */
    private static final long[] DURATIONS_MILLIS = {5, 30, 70, 300, 700, 3_000, 7_000};
    private static final int WARM_UP = 50;
    private static final int MEASURED = 50;

    private ScrapeMeasurement() {
    }

    public static void main(String[] args) throws IOException {
        PrometheusMeterRegistry counters = registry();
        MeterFamily<Counter> sent = new CatalogMeters(counters, metric -> TENANTS).counters(MetricCatalog.MESSAGES_SENT);
        for (int tenant = 0; tenant < TENANTS; tenant++) {
            for (String type : TYPES) {
                sent.get("tenant-" + tenant, type).increment();
            }
        }
        measure("mostly counters", counters);

        PrometheusMeterRegistry histograms = registry();
        HttpMetrics http = new HttpMetrics(new CatalogMeters(histograms, metric -> 100));
        for (int route = 0; route < ROUTES; route++) {
            for (String method : METHODS) {
                for (int i = 0; i < DURATIONS_MILLIS.length; i++) {
                    http.record(method, "/v1/routes/r" + route + "/items/{id}", STATUSES[i % STATUSES.length],
                            DURATIONS_MILLIS[i] * 1_000_000);
                }
            }
        }
        measure("mostly histograms", histograms);
    }

    /** A registry as Quarkus builds it when OpenTelemetry is present, with every recording under a sampled span. */
    private static PrometheusMeterRegistry registry() {
        return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT, new CollectorRegistry(true), Clock.SYSTEM,
                new DefaultExemplarSampler(new AlwaysSampledSpan()));
    }

    private static void measure(String shape, PrometheusMeterRegistry registry) throws IOException {
        OpenMetricsScrape scrape = new OpenMetricsScrape(registry);
        String body = "";
        long[] nanos = new long[MEASURED];
        for (int i = 0; i < WARM_UP + MEASURED; i++) {
            long start = System.nanoTime();
            body = scrape.scrape(TextFormat.CONTENT_TYPE_OPENMETRICS_100);
            if (i >= WARM_UP) {
                nanos[i - WARM_UP] = System.nanoTime() - start;
            }
        }
        Arrays.sort(nanos);
        long series = body.lines().filter(line -> !line.startsWith("#")).count();
        long exemplars = body.lines().filter(line -> !line.startsWith("#") && line.contains(" # {")).count();
        System.out.printf("%s: %d series, %d with an exemplar, %,d bytes; median %.1f ms, max %.1f ms over %d scrapes%n",
                shape, series, exemplars, body.getBytes(StandardCharsets.UTF_8).length, nanos[MEASURED / 2] / 1e6,
                nanos[MEASURED - 1] / 1e6, MEASURED);
    }

    /** A span that is always current and sampled, with a new id per call, as when every request is traced. */
    private static final class AlwaysSampledSpan implements SpanContextSupplier {

        @Override
        public String getTraceId() {
            return randomHex(16);
        }

        @Override
        public String getSpanId() {
            return randomHex(8);
        }

        @Override
        public boolean isSampled() {
            return true;
        }

        private static String randomHex(int bytes) {
            byte[] random = new byte[bytes];
            ThreadLocalRandom.current().nextBytes(random);
            return HexFormat.of().formatHex(random);
        }
    }
}
