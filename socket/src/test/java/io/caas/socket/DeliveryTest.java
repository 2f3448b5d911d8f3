package io.caas.socket;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.caas.caller.testing.TestIssuer;
import io.caas.kafka.testing.TestEvents;
import io.caas.localinfra.InjectInfra;
import io.caas.localinfra.KafkaBroker;
import io.caas.localinfra.KafkaTestResource;
import io.caas.metrics.testing.Scrape;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(TestIssuer.class)
class DeliveryTest {

    private static final Duration WITHIN = Duration.ofSeconds(10);

    TestIssuer issuer;

    @InjectInfra
    KafkaBroker kafka;

    /** Where the application under test serves /q/metrics; the IT points at the packaged app's port. */
    protected int managementPort() {
        return Scrape.managementPort();
    }

    @Test
    void aSubscribedConnectionReceivesTheConversationsEventsInOrder() throws Exception {
        String tenant = TestEvents.uniqueTenant("ordered");
        try (WsClient client = WsClient.withHeader(issuer.token(tenant))) {
            JsonObject ack = client.subscribe("conv-1");
            assertThat(ack.getString("op")).isEqualTo("ack");
            assertThat(ack.getString("conversation_id")).isEqualTo("conv-1");

            List<String> bodies = IntStream.range(0, 20).mapToObj(i -> "m" + i).toList();
            List<String> ids = TestEvents.produceConversation(kafka, tenant, "conv-1", "text", bodies);
            List<String> received = new ArrayList<>();
            for (int i = 0; i < ids.size(); i++) {
                JsonObject frame = client.next(WITHIN);
                assertThat(frame).as("event %d arrives within %s", i, WITHIN).isNotNull();
                assertThat(frame.getString("op")).isEqualTo("message");
                received.add(frame.getJsonObject("message").getString("message_id"));
            }
            assertThat(received).containsExactlyElementsOf(ids);
            assertThat(client.next(Duration.ofMillis(500))).as("each event once").isNull();
        }
    }

    @Test
    void everyConnectionOfTheTenantGetsTheEventOnceAndOtherTenantsNever() throws Exception {
        String tenant = TestEvents.uniqueTenant("shared");
        String other = TestEvents.uniqueTenant("other");
        try (WsClient first = WsClient.withHeader(issuer.token(tenant));
                WsClient second = WsClient.withQueryToken(issuer.token(tenant));
                WsClient unsubscribed = WsClient.withHeader(issuer.token(tenant));
                WsClient otherTenant = WsClient.withHeader(issuer.token(other))) {
            first.subscribe("room");
            second.subscribe("room");
            otherTenant.subscribe("room"); // same conversation id, different tenant

            String id = TestEvents.produceConversation(kafka, tenant, "room", "image", List.of("hello")).get(0);
            for (WsClient client : List.of(first, second)) {
                JsonObject frame = client.next(WITHIN);
                assertThat(frame.getJsonObject("message").getString("message_id")).isEqualTo(id);
                assertThat(client.next(Duration.ofMillis(300))).isNull();
            }
            String otherId = TestEvents.produceConversation(kafka, other, "room", "text", List.of("mine")).get(0);
            assertThat(otherTenant.next(WITHIN).getJsonObject("message").getString("message_id"))
                    .as("the other tenant sees only its own event").isEqualTo(otherId);
            assertThat(unsubscribed.next(Duration.ofMillis(300))).isNull();
        }
    }

    @Test
    void anEventKafkaHoldsTwiceIsPushedOnceToEachConnectionAndCounted() throws Exception {
        String tenant = TestEvents.uniqueTenant("twice");
        String id = UUID.randomUUID().toString();
        String event = TestEvents.message(id, tenant, "c", "text", "written twice", Instant.now());
        double duplicatesBefore = Scrape.metrics(managementPort()).value("caas_socket_duplicate_events_total", Map.of());
        try (WsClient client = WsClient.withHeader(issuer.token(tenant))) {
            client.subscribe("c");
            // A retried publish whose first attempt was written after all: the same message_id twice in Kafka.
            TestEvents.produce(kafka, TestEvents.TOPIC, null, tenant + "/c", List.of(event, event));
            assertThat(client.next(WITHIN).getJsonObject("message").getString("message_id")).isEqualTo(id);
            String next = TestEvents.produceConversation(kafka, tenant, "c", "text", List.of("then this")).get(0);
            assertThat(client.next(WITHIN).getJsonObject("message").getString("message_id")).as("pushed once").isEqualTo(next);
        }
        assertThat(Scrape.metrics(managementPort()).value("caas_socket_duplicate_events_total", Map.of())).isEqualTo(duplicatesBefore + 1);
    }

    @Test
    void afterUnsubscribingNothingMoreArrives() throws Exception {
        String tenant = TestEvents.uniqueTenant("unsub");
        try (WsClient client = WsClient.withHeader(issuer.token(tenant))) {
            client.subscribe("c");
            client.send("{\"op\":\"unsubscribe\",\"conversation_id\":\"c\"}");
            assertThat(client.next(WITHIN).getString("request")).isEqualTo("unsubscribe");
            TestEvents.produceConversation(kafka, tenant, "c", "text", List.of("not for you"));
            assertThat(client.next(Duration.ofSeconds(2))).isNull();
        }
    }
}
