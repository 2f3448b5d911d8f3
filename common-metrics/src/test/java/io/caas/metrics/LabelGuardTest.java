package io.caas.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.caas.metrics.testing.Scrape;
import io.caas.metrics.testing.PrometheusText;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class LabelGuardTest {

    private static final String SENT = "caas_messages_sent_total";
    private static final Map<String, String> OVERFLOW_SERIES = Map.of("metric", SENT, "label", "tenant_id");

    @Test
    void tenThousandTenantsStayWithinTheCapAndNothingIsLost() throws InterruptedException {
        PrometheusText before = Scrape.metrics();
        double sentBefore = sum(before);
        double overflowBefore = before.value("caas_metrics_label_overflow_total", OVERFLOW_SERIES);

        int answered = HttpFlood.send(10_000,
                i -> new HttpFlood.Call("POST", "/v1/tenants/tenant-" + i + "/messages?type=text"));
        assertThat(answered).isEqualTo(10_000);

        PrometheusText after = Scrape.metrics();
        long tenantSeries = after.matching(SENT, Map.of("type", "text")).size();
        assertThat(tenantSeries).as("default cap 100 plus the overflow series").isLessThanOrEqualTo(101);
        assertThat(after.value(SENT, Map.of("tenant_id", "__overflow__", "type", "text"))).isGreaterThan(0);
        assertThat(sum(after) - sentBefore).as("every message is counted, folded or not").isEqualTo(10_000);
        assertThat(after.value("caas_metrics_label_overflow_total", OVERFLOW_SERIES) - overflowBefore)
                .isGreaterThanOrEqualTo(10_000 - 100);
    }

    private static double sum(PrometheusText scrape) {
        return scrape.named(SENT).stream().mapToDouble(PrometheusText.Sample::value).sum();
    }
}
