package io.caas.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.caas.billing.invoice.InvoiceJob;
import io.caas.caller.testing.TestIssuer;
import io.caas.kafka.testing.TestEvents;
import io.caas.localinfra.InjectInfra;
import io.caas.localinfra.KafkaBroker;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.quarkus.test.common.QuarkusTestResource;
import io.caas.localinfra.KafkaTestResource;
import io.caas.localinfra.PostgresTestResource;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(TestIssuer.class)
@QuarkusTestResource(BillingSecretsTestResource.class)
@TestProfile(InvoiceTest.JobDrivenByTheTest.class)
class InvoiceTest {

    /** No scheduled runs: a run closing last month while the test's events still arrive would race it. */
    public static class JobDrivenByTheTest implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("caas.billing.invoice-cron", "off");
        }
    }

    TestIssuer issuer;

    @InjectInfra
    KafkaBroker kafka;

    @Inject
    InvoiceJob job;

    @Test
    void eachFinishedMonthIsInvoicedExactlyOnceHoweverOftenAndConcurrentlyTheJobRuns() throws Exception {
        String tenant = BillingApi.uniqueTenant("invoiced");
        LocalDate lastMonth = LocalDate.now(ZoneOffset.UTC).withDayOfMonth(1).minusMonths(1);
        List<String> events = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            events.add(TestEvents.message(tenant, "text", lastMonth.plusDays(i).atStartOfDay().toInstant(ZoneOffset.UTC)));
        }
        events.add(TestEvents.message(tenant, "image", lastMonth.plusDays(5).atTime(12, 0).toInstant(ZoneOffset.UTC)));
        events.add(TestEvents.message(tenant, "text", lastMonth.minusMonths(1).atStartOfDay().toInstant(ZoneOffset.UTC)));
        TestEvents.produce(kafka, events);
        String token = issuer.token(tenant);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                BillingApi.usage(token, tenant, "?from=" + lastMonth.minusMonths(1) + "&to=" + lastMonth.plusMonths(1).minusDays(1))
                        .getLong("totals.text") == 4);

        var first = CompletableFuture.supplyAsync(this::closeQuietly);
        var second = CompletableFuture.supplyAsync(this::closeQuietly);
        first.get();
        second.get();
        job.closeFinishedPeriods();

        JsonPath invoices = io.restassured.RestAssured.given().header("Authorization", "Bearer " + token)
                .get("/v1/tenants/" + tenant + "/invoices").then().statusCode(200).extract().jsonPath();
        assertThat(invoices.getList("period_start")).containsExactly(lastMonth.toString(), lastMonth.minusMonths(1).toString());
        assertThat(invoices.getString("[0].period_end")).isEqualTo(lastMonth.plusMonths(1).toString());
        assertThat(invoices.getString("[0].currency")).isEqualTo("EUR");
        assertThat(invoices.getList("[0].lines.type")).containsExactly("image", "text");
        assertThat(invoices.getList("[0].lines.quantity", Long.class)).containsExactly(1L, 3L);
        assertThat(new BigDecimal(invoices.getString("[0].total"))).isEqualByComparingTo("0.008"); // 1 × 0.005 + 3 × 0.001
        assertThat(new BigDecimal(invoices.getString("[1].total"))).isEqualByComparingTo("0.001");
    }

    private int closeQuietly() {
        try {
            return job.closeFinishedPeriods();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
