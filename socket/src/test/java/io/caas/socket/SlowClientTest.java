package io.caas.socket;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.caas.caller.testing.TestIssuer;
import io.caas.kafka.testing.TestEvents;
import io.caas.localinfra.InjectInfra;
import io.caas.localinfra.KafkaBroker;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.common.QuarkusTestResource;
import io.caas.localinfra.KafkaTestResource;

/** A client that stops reading is disconnected once its unsent pushes pass the limit; nobody else stalls. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(TestIssuer.class)
class SlowClientTest {

    TestIssuer issuer;

    @InjectInfra
    KafkaBroker kafka;

    @Test
    void aClientThatStopsReadingIsDisconnectedAndOthersStillReceive() throws Exception {
        String tenant = TestEvents.uniqueTenant("slow");
        int before = ConnectionsTest.gauge();
        try (WsClient healthy = WsClient.withHeader(issuer.token(tenant))) {
            WsClient stalled = WsClient.notReading(issuer.token(tenant));
            stalled.send("{\"op\":\"subscribe\",\"conversation_id\":\"flood\"}");
            healthy.subscribe("flood");
            String body = "x".repeat(4000);
            // Far more than the socket buffers hold, so the stalled client's pushes back up on the server.
            List<String> ids = TestEvents.produceConversation(kafka, tenant, "flood", "file", Collections.nCopies(3000, body));
            // It cannot read the close frame; the server ends the connection and stops counting it.
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(40))
                    .until(() -> ConnectionsTest.gauge() == before + 1);
            stalled.abort();
            String last = ids.get(ids.size() - 1);
            String seen = null;
            while (!last.equals(seen)) {
                var frame = healthy.next(java.time.Duration.ofSeconds(10));
                assertThat(frame).as("the healthy client keeps receiving").isNotNull();
                seen = frame.getJsonObject("message").getString("message_id");
            }
        }
    }
}
