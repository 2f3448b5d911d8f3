package io.caas.socket;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.caas.caller.testing.TestIssuer;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;

/** Bad frames get an error frame and the connection stays usable. */
@QuarkusTest
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

    private static void expectError(WsClient client, String frame, String code) throws InterruptedException {
        client.send(frame);
        JsonObject answer = client.next(Duration.ofSeconds(10));
        assertThat(answer.getString("op")).isEqualTo("error");
        assertThat(answer.getString("error")).isEqualTo(code);
        assertThat(answer.getString("message")).isNotBlank();
    }
}
