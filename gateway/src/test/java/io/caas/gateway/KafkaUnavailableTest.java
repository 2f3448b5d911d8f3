package io.caas.gateway;

import static io.caas.web.testing.ErrorResponses.expectError;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.caas.caller.testing.TestIssuer;
import io.caas.localinfra.InjectInfra;
import io.caas.localinfra.KafkaBroker;
import io.caas.metrics.testing.Scrape;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.common.QuarkusTestResource;
import io.caas.localinfra.KafkaTestResource;

/** With the broker stopped, a message gets 503 within the publish timeout, never a 202. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(TestIssuer.class)
@QuarkusTestResource(StandInBilling.class)
class KafkaUnavailableTest {

    TestIssuer issuer;

    @InjectInfra
    KafkaBroker kafka;

    @Test
    void brokerDownMeans503AndNoCountThenRecoveryOnceItIsBack() {
        String tenant = GatewayApi.uniqueTenant("outage");
        String token = issuer.token(tenant);
        GatewayApi.post(token, GatewayApi.message("c", "text", "before")).then().statusCode(202);

        kafka.stop();
        try {
            long start = System.nanoTime();
            expectError(GatewayApi.post(token, GatewayApi.message("c", "text", "during")), 503, "kafka_unavailable");
            assertThat((System.nanoTime() - start) / 1_000_000).as("bounded by the publish timeout").isLessThan(10_000);
            assertThat(Scrape.metrics().value("caas_messages_sent_total", Map.of("tenant_id", tenant, "type", "text"))).isEqualTo(1);
        } finally {
            kafka.start();
        }
        String after = GatewayApi.post(token, GatewayApi.message("c", "text", "after")).then().statusCode(202).extract().path("message_id");
        var events = MessagesTopic.readUntil(kafka, e -> after.equals(e.field("message_id")));
        assertThat(MessagesTopic.ofTenant(events, tenant)).extracting(e -> e.field("body")).containsExactly("before", "after");
    }
}
