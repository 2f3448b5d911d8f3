package io.caas.kafka.consumer;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.caas.kafka.testapp.TestConsumers;
import io.caas.kafka.testing.TestEvents;
import io.caas.localinfra.InjectInfra;
import io.caas.localinfra.KafkaBroker;
import io.caas.localinfra.KafkaTestResource;
import io.caas.metrics.testing.PrometheusText;
import io.caas.metrics.testing.Scrape;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The one consumer loop against a real broker, with a test-only handler told to fail, ask for retries or hang. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsumerLoopTest {

    @InjectInfra
    KafkaBroker kafka;

    @Inject
    TestConsumers consumers;

    @Test
    @Order(1)
    void notReadyUntilItHasItsPartitions() throws Exception {
        given().port(Scrape.managementPort()).get("/q/health/ready").then().statusCode(503);
        try (Admin admin = kafka.admin()) {
            for (String topic : List.of(TestConsumers.GROUP_TOPIC, TestConsumers.EVERY_TOPIC)) {
                try {
                    admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get();
                } catch (ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOf(TopicExistsException.class);
                }
            }
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().port(Scrape.managementPort()).get("/q/health/ready").then().statusCode(200));
        await().atMost(Duration.ofSeconds(5)).until(() -> up("test-group") == 1 && up("test-every") == 1);
    }

    @Test
    @Order(2)
    void anUnexpectedErrorRestartsTheConsumerWhichKeepsItsLagAndHandlesWhatFollows() {
        consumers.grouped.failUnexpectedly(1);
        List<String> first = values("restart-a", 20);
        TestEvents.produce(kafka, TestConsumers.GROUP_TOPIC, 0, "k", first);

        await().atMost(Duration.ofSeconds(30)).until(() -> restarts("test-group") == 1);
        assertThat(lagSeries(TestConsumers.GROUP_TOPIC)).as("the lag series stays while it restarts").isNotEmpty();
        assertThat(given().port(Scrape.managementPort()).get("/q/health/live").then().statusCode(200).extract().asString())
                .as("liveness reports the restart").contains("restarts 1");

        List<String> later = values("restart-b", 20);
        TestEvents.produce(kafka, TestConsumers.GROUP_TOPIC, 1, "k", later);
        await().atMost(Duration.ofSeconds(30)).until(() -> consumers.grouped.handled().containsAll(first)
                && consumers.grouped.handled().containsAll(later));
        await().atMost(Duration.ofSeconds(30)).until(() -> lag(TestConsumers.GROUP_TOPIC) == 0);
        assertThat(up("test-group")).isEqualTo(1);
    }

    @Test
    @Order(3)
    void aBatchWhoseDependencyIsDownIsRetriedWithoutARestartAndLagShowsTheBacklog() {
        double restartsBefore = restarts("test-group");
        consumers.grouped.askForRetry(10);
        List<String> batch = values("retry", 15);
        TestEvents.produce(kafka, TestConsumers.GROUP_TOPIC, 0, "k", batch);
        await().atMost(Duration.ofSeconds(30)).until(() -> lag(TestConsumers.GROUP_TOPIC) >= 15);
        await().atMost(Duration.ofSeconds(30)).until(() -> consumers.grouped.handled().containsAll(batch));
        await().atMost(Duration.ofSeconds(30)).until(() -> lag(TestConsumers.GROUP_TOPIC) == 0);
        assertThat(restarts("test-group")).isEqualTo(restartsBefore);
    }

    @Test
    @Order(4)
    void aHungHandlerTurnsLivenessDownAndItRecoversWhenReleased() {
        consumers.grouped.hang();
        try {
            TestEvents.produce(kafka, TestConsumers.GROUP_TOPIC, 1, "k", values("hang", 1));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    given().port(Scrape.managementPort()).get("/q/health/live").then().statusCode(503));
        } finally {
            consumers.grouped.release();
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().port(Scrape.managementPort()).get("/q/health/live").then().statusCode(200));
    }

    @Test
    @Order(5)
    void aPartitionAddedWhileRunningIsRead() throws Exception {
        try (Admin admin = kafka.admin()) {
            admin.createPartitions(Map.of(TestConsumers.EVERY_TOPIC, NewPartitions.increaseTo(3))).all().get();
        }
        List<String> onTheNewPartition = values("added", 5);
        TestEvents.produce(kafka, TestConsumers.EVERY_TOPIC, 2, "k", onTheNewPartition);
        await().atMost(Duration.ofSeconds(30)).until(() -> consumers.everyPartition.handled().containsAll(onTheNewPartition));
        await().atMost(Duration.ofSeconds(30)).until(() -> lagSeries(TestConsumers.EVERY_TOPIC).size() == 3);
    }

    @Test
    @Order(6)
    void theEveryPartitionLoopReadsFromWhereItStartedAndReportsItsOwnBacklog() {
        List<String> events = values("every", 10);
        TestEvents.produce(kafka, TestConsumers.EVERY_TOPIC, 0, "k", events);
        await().atMost(Duration.ofSeconds(30)).until(() -> consumers.everyPartition.handled().containsAll(events));
        await().atMost(Duration.ofSeconds(30)).until(() -> lag(TestConsumers.EVERY_TOPIC) == 0);
    }

    private static List<String> values(String prefix, int count) {
        return new ArrayList<>(IntStream.range(0, count).mapToObj(i -> prefix + "-" + System.nanoTime() + "-" + i).toList());
    }

    private static List<PrometheusText.Sample> lagSeries(String topic) {
        return Scrape.metrics().matching("caas_kafka_consumer_lag", Map.of("topic", topic));
    }

    private static double lag(String topic) {
        return lagSeries(topic).stream().mapToDouble(PrometheusText.Sample::value).sum();
    }

    private static double restarts(String consumer) {
        return Scrape.metrics().value("caas_kafka_consumer_restarts_total", Map.of("consumer", consumer));
    }

    private static double up(String consumer) {
        return Scrape.metrics().value("caas_kafka_consumer_up", Map.of("consumer", consumer));
    }
}
