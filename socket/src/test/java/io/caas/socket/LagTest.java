package io.caas.socket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.caas.caller.testing.TestIssuer;
import io.caas.localinfra.InjectInfra;
import io.caas.localinfra.KafkaBroker;
import io.caas.metrics.scrape.PrometheusText;
import io.caas.metrics.testing.Scrape;
import io.caas.socket.delivery.MessageFanout;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class LagTest {

    TestIssuer issuer;

    @InjectInfra
    KafkaBroker kafka;

    @Inject
    MessageFanout fanout;

    @Test
    void lagRisesWhileDeliveryIsBehindAndReturnsToZeroWhenItCatchesUp() throws Exception {
        String tenant = Events.uniqueTenant("lagging");
        try (WsClient client = WsClient.withHeader(issuer.token(tenant))) {
            client.subscribe("c");
            await().atMost(Duration.ofSeconds(20)).until(() -> lag() == 0);
            fanout.pause();
            try {
                Events.produce(kafka.bootstrapServers(), tenant, "c", "file", List.of("a", "b", "c", "d", "e"));
                await().atMost(Duration.ofSeconds(20)).until(() -> lag() == 5);
            } finally {
                fanout.resume();
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> lag() == 0);
            for (String body : List.of("a", "b", "c", "d", "e")) {
                assertThat(client.next(Duration.ofSeconds(10)).getJsonObject("message").getString("body")).isEqualTo(body);
            }
        }
        var scrape = Scrape.metrics();
        assertThat(scrape.value("caas_messages_delivered_total", java.util.Map.of("tenant_id", tenant, "type", "file"))).isEqualTo(5);
        assertThat(scrape.value("caas_message_delivery_latency_seconds_count", java.util.Map.of("type", "file"))).isGreaterThanOrEqualTo(5);
    }

    private static double lag() {
        return Scrape.metrics().named("caas_kafka_consumer_lag").stream().mapToDouble(PrometheusText.Sample::value).sum();
    }
}
