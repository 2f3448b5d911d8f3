package io.caas.socket;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.caas.caller.testing.TestIssuer;
import io.caas.kafka.testing.TestEvents;
import io.caas.kafka.tracing.KafkaRecordTracing;
import io.caas.localinfra.InjectInfra;
import io.caas.localinfra.KafkaBroker;
import io.caas.metrics.testing.Scrape;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import io.quarkus.test.common.QuarkusTestResource;
import io.caas.localinfra.KafkaTestResource;

/** Delivery goes on through the faults that used to end it silently: an unexpected error, a partition added later. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(TestIssuer.class)
class FanoutFaultsTest {

    TestIssuer issuer;

    @InjectInfra
    KafkaBroker kafka;

    @Inject
    OpenTelemetry telemetry;

    @Test
    void anUnexpectedErrorRestartsTheFanoutWhichStillDeliversTheEvent() throws Exception {
        String tenant = TestEvents.uniqueTenant("fanout-restart");
        AtomicBoolean failed = new AtomicBoolean();
        // Test-only: the first record handled after this point throws, as a bug in delivery would.
        QuarkusMock.installMockForType(new KafkaRecordTracing(telemetry) {
            @Override
            public Span startProcessing(String operation, ConsumerRecord<?, ?> record) {
                if (failed.compareAndSet(false, true)) {
                    throw new IllegalStateException("test-only: an unexpected failure in delivery");
                }
                return super.startProcessing(operation, record);
            }
        }, KafkaRecordTracing.class);
        double restartsBefore = restarts();
        try (WsClient client = WsClient.withHeader(issuer.token(tenant))) {
            client.subscribe("c");
            String id = TestEvents.produceConversation(kafka, tenant, "c", "text", List.of("survives")).get(0);
            JsonObject frame = client.next(Duration.ofSeconds(20));
            assertThat(frame).as("the event is delivered after the restart").isNotNull();
            assertThat(frame.getJsonObject("message").getString("message_id")).isEqualTo(id);
        }
        assertThat(failed).isTrue();
        assertThat(restarts()).isEqualTo(restartsBefore + 1);
        assertThat(Scrape.metrics().named("caas_kafka_consumer_lag")).as("the lag series stays").isNotEmpty();
        assertThat(given().port(Scrape.managementPort()).get("/q/health/live").then().statusCode(200).extract().asString())
                .contains("restarts " + (int) (restartsBefore + 1));
    }

    @Test
    void eventsOnAPartitionAddedWhileRunningAreDelivered() throws Exception {
        String tenant = TestEvents.uniqueTenant("new-partition");
        try (WsClient client = WsClient.withHeader(issuer.token(tenant)); Admin admin = kafka.admin()) {
            client.subscribe("c");
            int partitions = admin.describeTopics(List.of(TestEvents.TOPIC)).allTopicNames().get().get(TestEvents.TOPIC).partitions().size();
            admin.createPartitions(Map.of(TestEvents.TOPIC, NewPartitions.increaseTo(partitions + 1))).all().get();
            String id = UUID.randomUUID().toString();
            TestEvents.produce(kafka, TestEvents.TOPIC, partitions, tenant + "/c",
                    List.of(TestEvents.message(id, tenant, "c", "text", "on the new partition", Instant.now())));
            JsonObject frame = client.next(Duration.ofSeconds(30));
            assertThat(frame).as("the event on partition %d is delivered", partitions).isNotNull();
            assertThat(frame.getJsonObject("message").getString("message_id")).isEqualTo(id);
        }
    }

    private static double restarts() {
        return Scrape.metrics().value("caas_kafka_consumer_restarts_total", Map.of("consumer", "socket"));
    }
}
