package io.caas.socket;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.caas.caller.testing.TestIssuer;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import io.quarkus.test.common.QuarkusTestResource;
import io.caas.localinfra.KafkaTestResource;

/** Bad frames get an error frame and the connection stays usable. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(TestIssuer.class)
class FramesTest {

    TestIssuer issuer;

    @Test
    void badFramesGetErrorFramesAndTheConnectionStaysOpen() throws Exception {
        try (WsClient client = WsClient.withHeader(issuer.token("frames"))) {
            expectError(client, "{not json", "invalid_json");
            expectError(client, "[1,2]", "invalid_request");
            expectError(client, "{\"op\":\"dance\",\"conversation_id\":\"c\"}", "unknown_op");
            expectError(client, "{\"op\":\"subscribe\"}", "invalid_request");
            expectError(client, "{\"op\":\"subscribe\",\"conversation_id\":\"../../etc\"}", "invalid_request");
            expectError(client, "{\"op\":\"subscribe\",\"conversation_id\":\"" + "x".repeat(5000) + "\"}", "frame_too_large");
            assertThat(client.subscribe("still-fine").getString("op")).isEqualTo("ack");
        }
    }

    @Test
    void aConnectionCannotSubscribeWithoutLimit() throws Exception {
        try (WsClient client = WsClient.withHeader(issuer.token("greedy"))) {
            for (int i = 0; i < 100; i++) {
                assertThat(client.subscribe("c" + i).getString("op")).isEqualTo("ack");
            }
            expectError(client, "{\"op\":\"subscribe\",\"conversation_id\":\"c100\"}", "too_many_subscriptions");
        }
    }

    @Test
    void anOversizedFrameClosesTheConnectionWith1009AndAReason() throws Exception {
        WsClient client = WsClient.withHeader(issuer.token("oversized"));
        client.send("x".repeat(1024 * 1024));
        assertThat(client.closedWith.get(10, TimeUnit.SECONDS)).isEqualTo(1009);
        assertThat(client.closeReason.get(1, TimeUnit.SECONDS)).isNotBlank();
    }

    @Test
    void aBinaryFrameGetsTheJsonErrorAndTheConnectionStaysOpen() throws Exception {
        try (WsClient client = WsClient.withHeader(issuer.token("binary"))) {
            client.sendBinary(new byte[] {1, 2, 3});
            JsonObject answer = client.next(Duration.ofSeconds(10));
            assertThat(answer).as("an answer to the binary frame").isNotNull();
            assertThat(answer.getString("op")).isEqualTo("error");
            assertThat(answer.getString("error")).isEqualTo("binary_not_supported");
            assertThat(client.subscribe("after-binary").getString("op")).isEqualTo("ack");
        }
    }

    private static void expectError(WsClient client, String frame, String code) throws InterruptedException {
        client.send(frame);
        JsonObject answer = client.next(Duration.ofSeconds(10));
        assertThat(answer.getString("op")).isEqualTo("error");
        assertThat(answer.getString("error")).isEqualTo(code);
        assertThat(answer.getString("message")).isNotBlank();
    }
}
