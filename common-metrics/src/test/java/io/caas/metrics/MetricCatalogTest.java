package io.caas.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.caas.metrics.catalog.MetricCatalog;
import io.caas.metrics.catalog.MetricDefinition;
import io.caas.metrics.catalog.MetricType;

class MetricCatalogTest {

    @Test
    void platformStandardMetricsAreExactlyAsSpecified() {
        assertThat(MetricCatalog.HTTP_REQUESTS).extracting(MetricDefinition::name, MetricDefinition::type, MetricDefinition::labelNames)
                .containsExactly("caas_http_requests_total", MetricType.COUNTER, List.of("method", "path", "status"));
        assertThat(MetricCatalog.REQUEST_DURATION).extracting(MetricDefinition::name, MetricDefinition::type, MetricDefinition::labelNames)
                .containsExactly("caas_request_duration_seconds", MetricType.HISTOGRAM, List.of("method", "path"));
        assertThat(MetricCatalog.REQUEST_DURATION.buckets()).containsExactly(0.01, 0.05, 0.1, 0.5, 1.0, 5.0);
        assertThat(MetricCatalog.SOCKET_CONNECTIONS_ACTIVE).extracting(MetricDefinition::name, MetricDefinition::type, MetricDefinition::labelNames)
                .containsExactly("caas_socket_connections_active", MetricType.GAUGE, List.of("server_id"));
        assertThat(MetricCatalog.MESSAGES_SENT).extracting(MetricDefinition::name, MetricDefinition::type, MetricDefinition::labelNames)
                .containsExactly("caas_messages_sent_total", MetricType.COUNTER, List.of("tenant_id", "type"));
        assertThat(MetricCatalog.KAFKA_CONSUMER_LAG).extracting(MetricDefinition::name, MetricDefinition::type, MetricDefinition::labelNames)
                .containsExactly("caas_kafka_consumer_lag", MetricType.GAUGE, List.of("topic", "partition"));
    }

    @Test
    void tenantLabelsAreCappedEverywhere() {
        assertThat(MetricCatalog.ALL).filteredOn(def -> def.labelNames().contains("tenant_id"))
                .isNotEmpty()
                .allSatisfy(def -> assertThat(def.cappedLabels()).contains("tenant_id"));
    }

    @Test
    void namesAreUniqueAcrossTheCatalog() {
        assertThat(MetricCatalog.ALL.stream().flatMap(def -> def.seriesNames().stream())).doesNotHaveDuplicates();
    }

    @Test
    void rejectsDefinitionsThatBreakPrometheusNaming() {
        assertThatThrownBy(() -> MetricDefinition.counter("caas_requests", "Requests.").build())
                .hasMessageContaining("_total");
        assertThatThrownBy(() -> MetricDefinition.gauge("caas_open_total", "Open.").build())
                .hasMessageContaining("_total");
        assertThatThrownBy(() -> MetricDefinition.counter("http_requests_total", "Requests.").build())
                .hasMessageContaining("caas_");
        assertThatThrownBy(() -> MetricDefinition.histogram("caas_latency", "Latency.").unit("seconds").buckets(1).build())
                .hasMessageContaining("base unit");
        assertThatThrownBy(() -> MetricDefinition.histogram("caas_latency_seconds", "Latency.").unit("seconds").build())
                .hasMessageContaining("buckets");
        assertThatThrownBy(() -> MetricDefinition.histogram("caas_latency_seconds", "Latency.").buckets(1, 0.5).build())
                .hasMessageContaining("ascending");
        assertThatThrownBy(() -> MetricDefinition.counter("caas_x_total", "no period").build())
                .hasMessageContaining("sentence");
        assertThatThrownBy(() -> MetricDefinition.counter("caas_x_total", "X.").labels("Tenant").build())
                .hasMessageContaining("label");
        assertThatThrownBy(() -> MetricDefinition.counter("caas_x_total", "X.").labels("a").capped("b").build())
                .hasMessageContaining("capped");
    }

    @Test
    void findsTheDefinitionOfEverySeriesName() {
        assertThat(MetricCatalog.bySeriesName("caas_request_duration_seconds_bucket")).contains(MetricCatalog.REQUEST_DURATION);
        assertThat(MetricCatalog.bySeriesName("caas_http_requests_total")).contains(MetricCatalog.HTTP_REQUESTS);
        assertThat(MetricCatalog.bySeriesName("caas_nonexistent_total")).isEmpty();
    }
}
