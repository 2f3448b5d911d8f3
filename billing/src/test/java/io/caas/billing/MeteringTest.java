package io.caas.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.caas.billing.consumer.BillingConsumer;
import io.caas.caller.testing.TestIssuer;
import io.caas.kafka.testing.TestEvents;
import io.caas.localinfra.InjectInfra;
import io.caas.localinfra.KafkaBroker;
import io.caas.localinfra.KafkaTestResource;
import io.caas.localinfra.PostgresServer;
import io.caas.localinfra.PostgresTestResource;
import io.caas.metrics.testing.PrometheusText;
import io.caas.metrics.testing.Scrape;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Effectively-once metering against real Kafka and PostgreSQL. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(TestIssuer.class)
@QuarkusTestResource(BillingSecretsTestResource.class)
class MeteringTest {

    TestIssuer issuer;

    @InjectInfra
    KafkaBroker kafka;

    @InjectInfra
    PostgresServer postgres;

    @Inject
    BillingConsumer consumer;

    @Test
    void countsEachMessageOnceAndRedeliveriesAsDuplicates() {
        String tenant = BillingApi.uniqueTenant("once");
        List<String> events = IntStream.range(0, 20).mapToObj(i -> TestEvents.message(tenant, "text", Instant.now())).toList();
        double duplicatesBefore = outcome("duplicate");

        TestEvents.produce(kafka, events);
        await().atMost(Duration.ofSeconds(30)).until(() -> BillingApi.total(issuer.token(tenant), tenant, "text") == 20);

        TestEvents.produce(kafka, events);
        await().atMost(Duration.ofSeconds(30)).until(() -> outcome("duplicate") - duplicatesBefore == 20);
        assertThat(BillingApi.total(issuer.token(tenant), tenant, "text")).isEqualTo(20);
    }

    @Test
    void eventsThatCannotBeMeteredAreDeadLetteredAndTheRestIsCounted() {
        String tenant = BillingApi.uniqueTenant("poison");
        double rejectedBefore = outcome("rejected");
        TestEvents.produce(kafka, List.of(
                "{not json",
                "{\"message_id\":\"" + java.util.UUID.randomUUID() + "\",\"tenant_id\":\"" + tenant + "\",\"type\":\"text\"}",
                TestEvents.message(tenant, "video", Instant.now()),
                TestEvents.message(tenant, "image", Instant.now()),
                TestEvents.message(tenant, "image", Instant.now())));

        await().atMost(Duration.ofSeconds(30)).until(() -> BillingApi.total(issuer.token(tenant), tenant, "image") == 2);
        await().atMost(Duration.ofSeconds(10)).until(() -> outcome("rejected") - rejectedBefore == 3);
        var parked = TestEvents.readAll(kafka, TestEvents.DEAD_LETTER_TOPIC, 3, Duration.ofSeconds(20));
        assertThat(parked).extracting(r -> TestEvents.header(r, "caas-dlt-reason"))
                .contains("not JSON", "missing conversation_id", "unknown type video");
        assertThat(parked).allSatisfy(r -> assertThat(TestEvents.header(r, "caas-dlt-source")).startsWith("caas.messages-"));
    }

    @Test
    void aRestartMidStreamLosesNothingAndCountsNothingTwice() {
        String tenant = BillingApi.uniqueTenant("restart");
        TestEvents.produce(kafka, messages(tenant, 300));
        await().atMost(Duration.ofSeconds(30)).until(() -> BillingApi.total(issuer.token(tenant), tenant, "file") > 0);
        consumer.stop();
        TestEvents.produce(kafka, messages(tenant, 200));
        consumer.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> BillingApi.total(issuer.token(tenant), tenant, "file") == 500);
        assertThat(BillingApi.total(issuer.token(tenant), tenant, "file")).isEqualTo(500);
    }

    @Test
    void aDatabaseOutagePausesMeteringLagRisesAndItCatchesUpAfterwards() {
        String tenant = BillingApi.uniqueTenant("outage");
        await().atMost(Duration.ofSeconds(30)).until(() -> lag() == 0);
        postgres.stop();
        try {
            TestEvents.produce(kafka, messages(tenant, 50));
            await().atMost(Duration.ofSeconds(30)).until(() -> lag() >= 50);
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    Scrape.metrics().value("caas_dependency_up", Map.of("dependency", "postgresql")) == 0);
        } finally {
            postgres.start();
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> BillingApi.total(issuer.token(tenant), tenant, "file") == 50);
        await().atMost(Duration.ofSeconds(30)).until(() -> lag() == 0);
    }

    private static List<String> messages(String tenant, int count) {
        List<String> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(TestEvents.message(tenant, "file", Instant.now()));
        }
        return events;
    }

    private static double outcome(String outcome) {
        return Scrape.metrics().value("caas_billing_events_total", Map.of("outcome", outcome));
    }

    private static double lag() {
        return Scrape.metrics().named("caas_kafka_consumer_lag").stream().mapToDouble(PrometheusText.Sample::value).sum();
    }
}
