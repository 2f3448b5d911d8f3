package io.caas.gateway;

import static io.caas.web.testing.ErrorResponses.expectError;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import io.caas.caller.testing.TestIssuer;
import io.caas.kafka.tracing.KafkaRecordTracing;
import io.caas.localinfra.InjectInfra;
import io.caas.localinfra.KafkaBroker;
import io.caas.localinfra.KafkaTestResource;
import io.caas.metrics.testing.Scrape;
import io.opentelemetry.api.OpenTelemetry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** client_msg_id as an idempotency key, with the semantics of the best public APIs. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(TestIssuer.class)
@QuarkusTestResource(StandInBilling.class)
class IdempotencyTest {

    TestIssuer issuer;

    @InjectInfra
    KafkaBroker kafka;

    @Inject
    OpenTelemetry telemetry;

    @Test
    void theMessageIdOfAClientMsgIdIsTheSameOnEveryReplicaAndAfterEveryRestart() {
        String tenant = GatewayApi.uniqueTenant("derived");
        String id = GatewayApi.post(issuer.token(tenant), withKey("c", "hello", "key-1")).then().statusCode(202)
                .extract().path("message_id");
        // A name-based UUID (v5) of tenant and key: what any replica, before or after any restart, computes.
        assertThat(UUID.fromString(id).version()).isEqualTo(5);
        String otherTenant = GatewayApi.uniqueTenant("derived-other");
        assertThat((String) GatewayApi.post(issuer.token(otherTenant), withKey("c", "hello", "key-1")).then().statusCode(202)
                .extract().path("message_id")).as("keys are scoped to the tenant").isNotEqualTo(id);
    }

    @Test
    void aReplayIsMarkedAndCounted() {
        String tenant = GatewayApi.uniqueTenant("replayed");
        String token = issuer.token(tenant);
        double replaysBefore = outcome("replayed");
        Response first = GatewayApi.post(token, withKey("c", "once", "key-r"));
        first.then().statusCode(202);
        assertThat(first.header("Idempotent-Replayed")).isNull();
        Response again = GatewayApi.post(token, withKey("c", "once", "key-r"));
        again.then().statusCode(202);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.jsonPath().getString("message_id")).isEqualTo(first.jsonPath().getString("message_id"));
        assertThat(again.jsonPath().getString("accepted_at")).isEqualTo(first.jsonPath().getString("accepted_at"));
        assertThat(outcome("replayed")).isEqualTo(replaysBefore + 1);
    }

    @Test
    void theSameKeyWithADifferentPayloadIsRejectedNotReplayed() {
        String tenant = GatewayApi.uniqueTenant("reused");
        String token = issuer.token(tenant);
        double conflictsBefore = outcome("conflict");
        GatewayApi.post(token, withKey("c", "first body", "key-x")).then().statusCode(202);
        expectError(GatewayApi.post(token, withKey("c", "another body", "key-x")), 422, "idempotency_key_reused");
        expectError(GatewayApi.post(token, withKey("other-conversation", "first body", "key-x")), 422, "idempotency_key_reused");
        assertThat(outcome("conflict")).isEqualTo(conflictsBefore + 2);
        assertThat(Scrape.metrics().value("caas_messages_sent_total", Map.of("tenant_id", tenant, "type", "text"))).isEqualTo(1);
    }

    @Test
    void anUnexpectedFailureReleasesTheKeySoTheRetryIsAnsweredAtOnce() throws Exception {
        String tenant = GatewayApi.uniqueTenant("released");
        String token = issuer.token(tenant);
        AtomicBoolean failed = new AtomicBoolean();
        // Test-only: the first publish after this point fails with an exception nobody planned for.
        QuarkusMock.installMockForType(new KafkaRecordTracing(telemetry) {
            @Override
            public void inject(ProducerRecord<?, ?> record) {
                if (failed.compareAndSet(false, true)) {
                    throw new IllegalStateException("test-only: an unexpected failure while publishing");
                }
                super.inject(record);
            }
        }, KafkaRecordTracing.class);
        Response first = GatewayApi.post(token, withKey("c", "unlucky", "key-f"));
        assertThat(first.statusCode()).as("the unexpected failure is a 5xx, never a 202").isGreaterThanOrEqualTo(500);
        assertThat(failed).isTrue();

        long start = System.nanoTime();
        GatewayApi.post(token, withKey("c", "unlucky", "key-f")).then().statusCode(202);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("the retry does not wait for a claim nobody holds")
                .isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void aRetryWhileTheFirstIsInFlightWaitsForItsAnswer() throws Exception {
        String tenant = GatewayApi.uniqueTenant("in-flight");
        String token = issuer.token(tenant);
        kafka.pause();
        CompletableFuture<Response> first;
        CompletableFuture<Response> second;
        try {
            first = CompletableFuture.supplyAsync(() -> GatewayApi.post(token, withKey("c", "slow", "key-w")));
            Thread.sleep(300);
            second = CompletableFuture.supplyAsync(() -> GatewayApi.post(token, withKey("c", "slow", "key-w")));
            Thread.sleep(300);
        } finally {
            kafka.resume();
        }
        Response one = first.get();
        Response two = second.get();
        assertThat(List.of(one.statusCode(), two.statusCode())).containsOnly(202);
        assertThat(two.jsonPath().getString("message_id")).isEqualTo(one.jsonPath().getString("message_id"));
        // The id is derived from the key either way: what proves the wait is one publish and one replayed answer.
        assertThat(two.jsonPath().getString("accepted_at")).isEqualTo(one.jsonPath().getString("accepted_at"));
        assertThat(List.of(one, two)).filteredOn(r -> "true".equals(r.header("Idempotent-Replayed"))).hasSize(1);
        List<MessagesTopic.Event> published = MessagesTopic.ofTenant(
                MessagesTopic.readUntil(kafka, e -> tenant.equals(e.field("tenant_id"))), tenant);
        assertThat(published).as("one event in Kafka").hasSize(1);
    }

    private static String withKey(String conversation, String body, String key) {
        return "{\"conversation_id\":\"" + conversation + "\",\"type\":\"text\",\"body\":\"" + body + "\",\"client_msg_id\":\"" + key + "\"}";
    }

    private static double outcome(String outcome) {
        return Scrape.metrics().value("caas_idempotency_requests_total", Map.of("outcome", outcome));
    }
}
