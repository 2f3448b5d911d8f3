package io.caas.gateway;

import static io.restassured.RestAssured.given;
import static io.caas.web.testing.ErrorResponses.expectError;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.caas.caller.testing.TestIssuer;
import io.caas.localinfra.InjectInfra;
import io.caas.localinfra.KafkaBroker;
import io.caas.metrics.testing.Scrape;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.quarkus.test.common.QuarkusTestResource;
import io.caas.localinfra.KafkaTestResource;

/** Every rejected request gets its 4xx in the JSON error shape and puts nothing on the topic. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(TestIssuer.class)
@QuarkusTestResource(StandInBilling.class)
class MessageBadInputTest {

    TestIssuer issuer;

    @InjectInfra
    KafkaBroker kafka;

    @Test
    void rejectedRequestsProduceNoEventAndCountNoMessage() {
        String tenant = GatewayApi.uniqueTenant("rejected");
        String token = issuer.token(tenant);
        String valid = GatewayApi.message("c-1", "text", "hi");
        double invalidTokensBefore = failures("invalid_token");

        expectError(given().contentType(ContentType.JSON).body(valid).post("/v1/messages"), 401, "missing_token");
        expectError(given().header("Authorization", "Bearer ").contentType(ContentType.JSON).body(valid).post("/v1/messages"), 401, "missing_token");
        expectError(GatewayApi.post("not.a.jwt", valid), 401, "invalid_token");
        expectError(GatewayApi.post(issuer.forgedToken(tenant), valid), 401, "invalid_token");
        expectError(GatewayApi.post(issuer.unsignedToken(tenant), valid), 401, "invalid_token");
        expectError(GatewayApi.post(issuer.wrongIssuerToken(tenant), valid), 401, "invalid_token");
        expectError(GatewayApi.post(issuer.expiredToken(tenant), valid), 401, "expired_token");
        assertThat(failures("invalid_token") - invalidTokensBefore).isEqualTo(4);

        expectError(GatewayApi.post(token, "{\"conversation_id\": "), 400, "invalid_json");
        expectError(GatewayApi.post(token, GatewayApi.message("c-1", "video", "hi")), 400, "invalid_request");
        expectError(GatewayApi.post(token, "{\"type\":\"text\",\"body\":\"hi\"}"), 400, "invalid_request");
        expectError(GatewayApi.post(token, "{\"conversation_id\":\"c-1\",\"type\":\"text\"}"), 400, "invalid_request");
        expectError(GatewayApi.post(token, GatewayApi.message("c 1/../x", "text", "hi")), 400, "invalid_request");
        expectError(GatewayApi.post(token, "{\"conversation_id\":\"c-1\",\"type\":\"text\",\"body\":\"hi\",\"client_msg_id\":\"\"}"),
                400, "invalid_request");
        expectError(GatewayApi.post(token, "{\"conversation_id\":7,\"type\":\"text\",\"body\":\"hi\"}"), 400, "invalid_json");
        expectError(GatewayApi.post(token, GatewayApi.message("c-1", "text", "x".repeat(4001))), 400, "invalid_request");
        expectError(GatewayApi.post(token, GatewayApi.message("c-1", "text", "x".repeat(20_000))), 413, "payload_too_large");
        expectError(given().header("Authorization", "Bearer " + token).contentType(ContentType.TEXT).body("hi")
                .post("/v1/messages"), 415, "unsupported_media_type");
        expectError(given().header("Authorization", "Bearer " + token).get("/v1/messages"), 405, "method_not_allowed");

        // A valid message from the same tenant marks the end: nothing before it reached the topic.
        String sentinel = GatewayApi.post(token, valid).then().statusCode(202).extract().path("message_id");
        List<MessagesTopic.Event> events = MessagesTopic.readUntil(kafka, e -> sentinel.equals(e.field("message_id")));
        assertThat(MessagesTopic.ofTenant(events, tenant)).extracting(e -> e.field("message_id")).containsExactly(sentinel);
        assertThat(Scrape.metrics().value("caas_messages_sent_total", Map.of("tenant_id", tenant, "type", "text"))).isEqualTo(1);
    }

    @Test
    void aTenantIdInTheBodyCannotChooseTheTenant() {
        String tenant = GatewayApi.uniqueTenant("honest");
        String messageId = GatewayApi.post(issuer.token(tenant),
                "{\"conversation_id\":\"c\",\"type\":\"text\",\"body\":\"b\",\"tenant_id\":\"victim\"}")
                .then().statusCode(202).extract().path("message_id");
        List<MessagesTopic.Event> events = MessagesTopic.readUntil(kafka, e -> messageId.equals(e.field("message_id")));
        assertThat(events).filteredOn(e -> messageId.equals(e.field("message_id")))
                .singleElement().satisfies(e -> assertThat(e.field("tenant_id")).isEqualTo(tenant));
    }

    private static double failures(String reason) {
        return Scrape.metrics().value("caas_auth_failures_total", Map.of("reason", reason));
    }
}
