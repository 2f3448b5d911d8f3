package io.caas.socket;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;

import io.caas.caller.testing.TestIssuer;
import io.caas.kafka.testing.TestEvents;
import io.caas.localinfra.InjectInfra;
import io.caas.localinfra.KafkaBroker;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import io.quarkus.test.common.QuarkusTestResource;
import io.caas.localinfra.KafkaTestResource;

/** Clients that subscribe the instant their connection opens: no frame is lost to the race with the open callback. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(TestIssuer.class)
class ConnectRaceTest {

    private static final int CONNECTIONS = 200;

    TestIssuer issuer;

    @InjectInfra
    KafkaBroker kafka;

    @Test
    void everySubscribeSentAtOpenIsAcknowledgedAndItsConnectionGetsTheNextMessage() throws Exception {
        String tenant = TestEvents.uniqueTenant("eager");
        String token = issuer.token(tenant);
        HttpClient http = HttpClient.newHttpClient();
        ExecutorService connectors = Executors.newFixedThreadPool(50); // many upgrades in flight at once, as under load
        List<CompletableFuture<WsClient>> connecting = new ArrayList<>();
        for (int i = 0; i < CONNECTIONS; i++) {
            connecting.add(CompletableFuture.supplyAsync(
                    () -> WsClient.sendingOnOpen(http, token, "{\"op\":\"subscribe\",\"conversation_id\":\"race\"}"), connectors));
        }
        List<WsClient> clients = connecting.stream().map(CompletableFuture::join).toList();
        connectors.shutdown();
        try {
            for (WsClient client : clients) {
                JsonObject ack = client.next(Duration.ofSeconds(10));
                assertThat(ack).as("an answer to the subscribe sent at open").isNotNull();
                assertThat(ack.getString("op")).isEqualTo("ack");
            }
            String id = TestEvents.produceConversation(kafka, tenant, "race", "text", List.of("to all")).get(0);
            for (WsClient client : clients) {
                JsonObject frame = client.next(Duration.ofSeconds(10));
                assertThat(frame).as("every eager subscriber receives the message").isNotNull();
                assertThat(frame.getJsonObject("message").getString("message_id")).isEqualTo(id);
            }
        } finally {
            clients.forEach(WsClient::close);
        }
    }
}
