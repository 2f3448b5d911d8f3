package io.caas.socket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.caas.caller.testing.TestIssuer;
import io.caas.kafka.testing.TestEvents;
import io.caas.kafka.tracing.KafkaRecordTracing;
import io.caas.localinfra.InjectInfra;
import io.caas.localinfra.KafkaBroker;
import io.caas.metrics.testing.PrometheusText;
import io.caas.metrics.testing.Scrape;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.common.QuarkusTestResource;
import io.caas.localinfra.KafkaTestResource;

/** socket's lag is its own delivery backlog: it rises while delivery is held up and returns to 0 after. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(TestIssuer.class)
class LagTest {

    TestIssuer issuer;

    @InjectInfra
    KafkaBroker kafka;

    @Inject
    OpenTelemetry telemetry;

    @Test
    void lagRisesWhileDeliveryIsHeldUpAndReturnsToZeroWhenItCatchesUp() throws Exception {
        String tenant = TestEvents.uniqueTenant("lagging");
        CountDownLatch heldUp = new CountDownLatch(1);
        // Test-only: delivery of the next record waits until released, as a slow dependency would make it.
        QuarkusMock.installMockForType(new KafkaRecordTracing(telemetry) {
            @Override
            public Span startProcessing(String operation, ConsumerRecord<?, ?> record) {
                try {
                    heldUp.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return super.startProcessing(operation, record);
            }
        }, KafkaRecordTracing.class);
        try (WsClient client = WsClient.withHeader(issuer.token(tenant))) {
            client.subscribe("c");
            await().atMost(Duration.ofSeconds(20)).until(() -> lag() == 0);
            try {
                TestEvents.produceConversation(kafka, tenant, "c", "file", List.of("a", "b", "c", "d", "e"));
                await().atMost(Duration.ofSeconds(20)).until(() -> lag() == 5);
            } finally {
                heldUp.countDown();
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> lag() == 0);
            for (String body : List.of("a", "b", "c", "d", "e")) {
                assertThat(client.next(Duration.ofSeconds(10)).getJsonObject("message").getString("body")).isEqualTo(body);
            }
        }
        var scrape = Scrape.metrics();
        assertThat(scrape.value("caas_messages_delivered_total", Map.of("tenant_id", tenant, "type", "file"))).isEqualTo(5);
        assertThat(scrape.value("caas_message_delivery_latency_seconds_count", Map.of("type", "file"))).isGreaterThanOrEqualTo(5);
    }

    private static double lag() {
        return Scrape.metrics().named("caas_kafka_consumer_lag").stream().mapToDouble(PrometheusText.Sample::value).sum();
    }
}
