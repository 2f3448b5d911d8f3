package io.caas.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.caas.metrics.testing.Scrape;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.common.QuarkusTestResource;
import io.caas.localinfra.KafkaTestResource;
import io.caas.localinfra.PostgresTestResource;
import io.caas.caller.testing.TestIssuer;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(TestIssuer.class)
@QuarkusTestResource(BillingSecretsTestResource.class)
class BillingMetricsTest {

    @Test
    void theScheduledInvoiceRunsAreMeasured() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            var scrape = Scrape.metrics();
            assertThat(scrape.value("caas_job_runs_total", Map.of("job", "invoice-close", "status", "success"))).isGreaterThan(0);
            assertThat(scrape.value("caas_job_last_success_timestamp_seconds", Map.of("job", "invoice-close"))).isGreaterThan(0);
            assertThat(scrape.value("caas_job_duration_seconds_count", Map.of("job", "invoice-close"))).isGreaterThan(0);
        });
    }

    @Test
    void probesPostgresqlAndKafka() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            var scrape = Scrape.metrics();
            assertThat(scrape.value("caas_dependency_up", Map.of("dependency", "postgresql"))).isEqualTo(1);
            assertThat(scrape.value("caas_dependency_up", Map.of("dependency", "kafka"))).isEqualTo(1);
        });
    }

    @Test
    void everyOutcomeIsExposedFromTheStart() {
        assertThat(Scrape.metrics().named("caas_billing_events_total")).extracting(s -> s.label("outcome"))
                .contains("recorded", "duplicate", "rejected");
    }
}
