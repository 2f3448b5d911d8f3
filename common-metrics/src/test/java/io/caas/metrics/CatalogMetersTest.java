package io.caas.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.caas.metrics.catalog.MetricCatalog;
import io.caas.metrics.meter.CatalogMeters;
import io.caas.metrics.meter.MeterFamily;
import io.caas.metrics.testing.PrometheusText;
import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;

class CatalogMetersTest {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    @Test
    void perMetricCapOverridesTheDefault() {
        CatalogMeters meters = new CatalogMeters(registry,
                metric -> metric.equals(MetricCatalog.TOKENS_ISSUED.name()) ? 2 : 100);
        MeterFamily<Counter> tokens = meters.counters(MetricCatalog.TOKENS_ISSUED);
        for (String tenant : new String[] {"a", "b", "c", "d", "a"}) {
            tokens.get(tenant).increment();
        }
        PrometheusText scrape = PrometheusText.parse(registry.scrape());
        assertThat(scrape.named("caas_auth_tokens_issued_total")).extracting(s -> s.label("tenant_id"))
                .containsExactlyInAnyOrder("a", "b", "__overflow__");
        assertThat(scrape.value("caas_auth_tokens_issued_total", Map.of("tenant_id", "a"))).isEqualTo(2);
        assertThat(scrape.value("caas_auth_tokens_issued_total", Map.of("tenant_id", "__overflow__"))).isEqualTo(2);
        assertThat(scrape.value("caas_metrics_label_overflow_total",
                Map.of("metric", "caas_auth_tokens_issued_total", "label", "tenant_id"))).isEqualTo(2);
    }

    @Test
    void returnsTheSameCachedMeterForTheSameLabels() {
        MeterFamily<Counter> requests = new CatalogMeters(registry, metric -> 100).counters(MetricCatalog.HTTP_REQUESTS);
        assertThat(requests.get("GET", "/a", "200")).isSameAs(requests.get("GET", "/a", "200"));
        assertThat(requests.get("GET", "/a", "200")).isNotSameAs(requests.get("GET", "/a", "404"));
    }

    @Test
    void rejectsLabelValuesThatDoNotMatchTheDefinition() {
        CatalogMeters meters = new CatalogMeters(registry, metric -> 100);
        assertThatThrownBy(() -> meters.counter(MetricCatalog.HTTP_REQUESTS, "GET", "/a"))
                .hasMessageContaining("takes labels");
        assertThatThrownBy(() -> meters.counters(MetricCatalog.HTTP_REQUESTS).get("GET"))
                .hasMessageContaining("has 3 labels");
        assertThatThrownBy(() -> meters.timer(MetricCatalog.HTTP_REQUESTS, "GET", "/a"))
                .hasMessageContaining("COUNTER");
    }
}
