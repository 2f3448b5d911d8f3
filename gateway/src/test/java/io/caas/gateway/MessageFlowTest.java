package io.caas.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.caas.caller.testing.TestIssuer;
import io.caas.localinfra.InjectInfra;
import io.caas.localinfra.KafkaBroker;
import io.caas.localinfra.KafkaTestResource;
import io.caas.metrics.testing.Scrape;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(TestIssuer.class)
@QuarkusTestResource(StandInBilling.class)
class MessageFlowTest {

    TestIssuer issuer;

    @InjectInfra
    KafkaBroker kafka;

    /** Where the application under test serves /q/metrics; the IT points at the packaged app's port. */
    protected int managementPort() {
        return Scrape.managementPort();
    }

    @Test
    void acceptedMessageIsInKafkaKeyedByConversationWithTheTenantFromTheToken() {
        String tenant = GatewayApi.uniqueTenant("acme");
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        Instant sent = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        JsonPath accepted = io.restassured.RestAssured.given()
                .header("Authorization", "Bearer " + issuer.token(tenant))
                .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                .contentType("application/json")
                .body("{\"conversation_id\":\"conv-1\",\"type\":\"text\",\"body\":\"hello\",\"tenant_id\":\"someone-else\"}")
                .post("/v1/messages").then().statusCode(202).extract().jsonPath();
        String messageId = accepted.getString("message_id");
        assertThat(accepted.getString("accepted_at")).isNotBlank();

        List<MessagesTopic.Event> events = MessagesTopic.readUntil(kafka, e -> messageId.equals(e.field("message_id")));
        MessagesTopic.Event event = events.stream().filter(e -> messageId.equals(e.field("message_id"))).findFirst().orElseThrow();
        assertThat(event.key()).isEqualTo(tenant + "/conv-1");
        assertThat(event.field("tenant_id")).isEqualTo(tenant);
        assertThat(event.field("conversation_id")).isEqualTo("conv-1");
        assertThat(event.field("type")).isEqualTo("text");
        assertThat(event.field("body")).isEqualTo("hello");
        assertThat(event.field("accepted_at")).isEqualTo(accepted.getString("accepted_at"));
        // Socket's delivery latency starts here: the request's arrival, at or before its acceptance.
        assertThat(Instant.parse(event.field("received_at"))).isBetween(sent, Instant.parse(event.field("accepted_at")));
        assertThat(event.headers()).containsEntry("content-type", "application/json");
        assertThat(event.headers().get("traceparent")).contains(traceId);
    }

    @Test
    void countsExactlyTheAcceptedMessages() {
        String tenant = GatewayApi.uniqueTenant("counted");
        String token = issuer.token(tenant);
        for (int i = 0; i < 3; i++) {
            GatewayApi.post(token, GatewayApi.message("conv-" + i, "image", "https://img/" + i)).then().statusCode(202);
        }
        GatewayApi.post(token, GatewayApi.message("conv-x", "video", "nope")).then().statusCode(400);
        assertThat(Scrape.metrics(managementPort()).value("caas_messages_sent_total", Map.of("tenant_id", tenant, "type", "image")))
                .isEqualTo(3);
        assertThat(Scrape.metrics(managementPort()).matching("caas_messages_sent_total", Map.of("tenant_id", tenant)))
                .hasSize(1);
    }

    @Test
    void aRepeatedClientMsgIdReturnsTheOriginalMessageAndProducesNoSecondEvent() {
        String tenant = GatewayApi.uniqueTenant("retry");
        String token = issuer.token(tenant);
        String json = "{\"conversation_id\":\"c\",\"type\":\"text\",\"body\":\"once\",\"client_msg_id\":\"cm-1\"}";
        String first = GatewayApi.post(token, json).then().statusCode(202).extract().path("message_id");
        String second = GatewayApi.post(token, json).then().statusCode(202).extract().path("message_id");
        assertThat(second).isEqualTo(first);

        String otherTenant = GatewayApi.uniqueTenant("retry-other");
        String third = GatewayApi.post(issuer.token(otherTenant), json).then().statusCode(202).extract().path("message_id");
        assertThat(third).as("client_msg_id is scoped to the tenant").isNotEqualTo(first);

        List<MessagesTopic.Event> events = MessagesTopic.readUntil(kafka, e -> third.equals(e.field("message_id")));
        assertThat(MessagesTopic.ofTenant(events, tenant)).hasSize(1);
        assertThat(Scrape.metrics(managementPort()).value("caas_messages_sent_total", Map.of("tenant_id", tenant, "type", "text")))
                .isEqualTo(1);
    }
}
