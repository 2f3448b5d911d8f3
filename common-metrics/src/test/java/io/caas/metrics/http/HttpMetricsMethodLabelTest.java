package io.caas.metrics.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.caas.metrics.meter.CatalogMeters;
import io.caas.metrics.testing.PrometheusText;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;

/** The {@code method} label of {@code caas_http_requests_total}: the standard methods, and OTHER for the rest. */
class HttpMetricsMethodLabelTest {

    private static final String REQUESTS = "caas_http_requests_total";
    private static final List<String> STANDARD =
            List.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE", "CONNECT");

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final HttpMetrics http = new HttpMetrics(new CatalogMeters(registry, metric -> 100));

    @Test
    void eachStandardMethodIsCountedUnderItsOwnName() {
        STANDARD.forEach(method -> http.record(method, "/v1/things", 200, 1_000_000));
        PrometheusText scrape = PrometheusText.parse(registry.scrape());
        assertThat(scrape.named(REQUESTS)).extracting(s -> s.label("method"))
                .containsExactlyInAnyOrderElementsOf(STANDARD);
        for (String method : STANDARD) {
            assertThat(scrape.value(REQUESTS, Map.of("method", method, "path", "/v1/things", "status", "200")))
                    .as(method).isEqualTo(1);
        }
    }

    @Test
    void anyOtherMethodIsCountedAsOther() {
        List<String> others = Arrays.asList(null, "", "get", "Post", "PROPFIND", "GET ", "BREW");
        others.forEach(method -> http.record(method, "/v1/things", 200, 1_000_000));
        PrometheusText scrape = PrometheusText.parse(registry.scrape());
        assertThat(scrape.named(REQUESTS)).extracting(s -> s.label("method")).containsExactly("OTHER");
        assertThat(scrape.value(REQUESTS, Map.of("method", "OTHER", "path", "/v1/things", "status", "200")))
                .isEqualTo(others.size());
    }
}
