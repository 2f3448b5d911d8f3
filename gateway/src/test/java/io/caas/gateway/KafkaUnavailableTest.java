package io.caas.gateway;

import static io.caas.web.testing.ErrorResponses.expectError;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.caas.caller.testing.TestIssuer;
import io.caas.localinfra.InjectInfra;
import io.caas.localinfra.KafkaBroker;
import io.caas.metrics.testing.Scrape;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.quarkus.test.common.QuarkusTestResource;
import io.caas.localinfra.KafkaTestResource;

/** With the broker stopped, a message gets 503 within the publish timeout, never a 202; while it waits, it holds no thread. */
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

    /**
     * A message waiting for Kafka's acknowledgement holds no thread: with the broker frozen and 240 messages waiting
     * (more than Quarkus' 200 worker threads), another request is still answered at once. A publish that waited on a
     * thread (send().get(), a join in the pipeline) would hold an event loop or every worker until the publish timeout.
     */
    @Test
    void messagesWaitingForKafkaHoldNoThread() throws Exception {
        String token = issuer.token(GatewayApi.uniqueTenant("answered"));
        List<String> waitingTokens = List.of(issuer.token(GatewayApi.uniqueTenant("waiting")),
                issuer.token(GatewayApi.uniqueTenant("waiting")), issuer.token(GatewayApi.uniqueTenant("waiting")));
        // One message acknowledged first: the producer has the topic's metadata, so send() itself does not block
        // (without it, send() waits for metadata on the calling thread, up to the publish timeout: see README).
        GatewayApi.post(token, GatewayApi.message("c", "text", "before")).then().statusCode(202);
        HttpClient http = HttpClient.newHttpClient();
        List<CompletableFuture<HttpResponse<String>>> waiting = new ArrayList<>();
        kafka.pause();
        try {
            for (int i = 0; i < 240; i++) { // 80 per tenant: within the rate limit's burst
                waiting.add(http.sendAsync(HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + "/v1/messages"))
                        .header("Authorization", "Bearer " + waitingTokens.get(i % 3)).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(GatewayApi.message("c", "text", "waiting " + i))).build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            Thread.sleep(1_000); // all of them reach the gateway and wait for the frozen broker

            long start = System.nanoTime();
            expectError(GatewayApi.post(token, "{\"conversation_id\":\"c\",\"type\":\"text\"}"), 400, "invalid_request");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("answered while 240 messages wait").isLessThan(Duration.ofSeconds(1));
            assertThat(waiting).as("still waiting, else the test proves nothing").noneMatch(CompletableFuture::isDone);
        } finally {
            kafka.resume();
        }
        for (CompletableFuture<HttpResponse<String>> answer : waiting) {
            assertThat(answer.get(30, TimeUnit.SECONDS).statusCode()).isIn(202, 503);
        }
    }
}
