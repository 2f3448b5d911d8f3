package io.caas.socket;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.caas.caller.testing.TestIssuer;
import io.caas.kafka.event.MessageEvent;
import io.caas.kafka.testing.TestEvents;
import io.caas.localinfra.KafkaBroker;
import io.caas.localinfra.InjectInfra;
import io.caas.metrics.testing.Scrape;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.common.QuarkusTestResource;
import io.caas.localinfra.KafkaTestResource;

/**
 * Delivery latency is what the client saw: measured from when the gateway received the request ({@code received_at}),
 * so time a request queued in front of the gateway's handler shows in the histogram, not only the time after.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(TestIssuer.class)
class DeliveryLatencyTest {

    TestIssuer issuer;

    @InjectInfra
    KafkaBroker kafka;

    @Test
    void latencyStartsWhenTheGatewayReceivedTheRequest() throws Exception {
        String tenant = TestEvents.uniqueTenant("latency");
        Instant acceptedAt = Instant.now();
        Instant receivedAt = acceptedAt.minusSeconds(3); // three seconds queued before the handler ran
        String event = new String(new MessageEvent(UUID.randomUUID().toString(), tenant, "c", "system", "queued", null,
                acceptedAt.toString(), receivedAt.toString()).toJson(new ObjectMapper()), StandardCharsets.UTF_8);
        try (WsClient client = WsClient.withHeader(issuer.token(tenant))) {
            client.subscribe("c");
            var before = Scrape.metrics();
            TestEvents.produce(kafka, List.of(event));
            assertThat(client.next(Duration.ofSeconds(10)).getJsonObject("message").getString("body")).isEqualTo("queued");
            var after = Scrape.metrics();
            Map<String, String> system = Map.of("type", "system");
            assertThat(after.value("caas_message_delivery_latency_seconds_count", system)
                    - before.value("caas_message_delivery_latency_seconds_count", system)).isEqualTo(1);
            Map<String, String> under2500ms = Map.of("type", "system", "le", "2.5");
            assertThat(after.value("caas_message_delivery_latency_seconds_bucket", under2500ms)
                    - before.value("caas_message_delivery_latency_seconds_bucket", under2500ms))
                    .as("the one delivery took more than 2.5 s counted from received_at").isZero();
        }
    }
}
