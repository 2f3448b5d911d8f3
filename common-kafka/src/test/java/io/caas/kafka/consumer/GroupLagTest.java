package io.caas.kafka.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.caas.kafka.KafkaClients;
import io.caas.kafka.KafkaConfig;
import io.caas.kafka.testapp.ScriptedHandler;
import io.caas.kafka.testing.TestKafkaConfig;
import io.caas.kafka.testing.TestEvents;
import io.caas.localinfra.KafkaBroker;
import io.caas.localinfra.PlatformKafka;
import io.caas.localinfra.SharedInfra;
import io.caas.metrics.meter.CatalogMeters;
import io.caas.metrics.testing.PrometheusText;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;

/** Two replicas of one consumer group against real Kafka, each scraped like its own pod. */
class GroupLagTest {

    private static final String TOPIC = "group-lag";
    private static final String GROUP = "group-lag-group";

    private final KafkaBroker kafka = SharedInfra.kafka();
    private Pod a;
    private Pod b;

    @AfterEach
    void stop() {
        for (Pod pod : new Pod[] {a, b}) {
            if (pod != null) {
                pod.loop.stop(Duration.ofSeconds(10));
                pod.clients.close();
            }
        }
    }

    @Test
    void replicasReportDisjointPartitionsWhoseSumIsTheGroupLagAndASurvivorTakesOverTheReport() throws Exception {
        try (Admin admin = kafka.admin()) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 2, (short) 1))).all().get();
        }
        a = new Pod("billing-a");
        b = new Pod("billing-b");
        a.handler.askForRetry(Integer.MAX_VALUE);
        b.handler.askForRetry(Integer.MAX_VALUE);
        TestEvents.produce(kafka, TOPIC, 0, "k", values(10));
        TestEvents.produce(kafka, TOPIC, 1, "k", values(6));
        await().atMost(Duration.ofSeconds(60)).until(() -> a.loop.assignment().size() == 1 && b.loop.assignment().size() == 1);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            a.reportLag();
            b.reportLag();
            Set<String> partitionsOfA = a.partitions();
            Set<String> partitionsOfB = b.partitions();
            assertThat(partitionsOfA).hasSize(1).doesNotContainAnyElementsOf(partitionsOfB);
            assertThat(partitionsOfB).hasSize(1);
            assertThat(a.totalLag() + b.totalLag()).as("nothing committed yet: 10 + 6").isEqualTo(16);
        });

        a.handler.askForRetry(0);
        b.handler.askForRetry(0);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            a.reportLag();
            b.reportLag();
            assertThat(a.totalLag() + b.totalLag()).isZero();
        });

        b.loop.stop(Duration.ofSeconds(10));
        assertThat(b.scrape().named("caas_kafka_consumer_lag")).as("a stopped replica reports nothing").isEmpty();
        TestEvents.produce(kafka, TOPIC, 1, "k", values(3));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            a.reportLag();
            assertThat(a.partitions()).as("the survivor reports both partitions").hasSize(2);
        });
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            a.reportLag();
            assertThat(a.totalLag()).isZero();
        });
    }

    private static List<String> values(int count) {
        return IntStream.range(0, count).mapToObj(i -> "v" + i).toList();
    }

    /** One replica: its own registry, clients and loop in the shared group. */
    private final class Pod {
        final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        final ScriptedHandler handler = new ScriptedHandler();
        final KafkaClients clients;
        final ConsumerLoop loop;

        Pod(String name) {
            KafkaConfig config = TestKafkaConfig.fast();
            clients = new KafkaClients(Map.copyOf(kafka.clientProperties(PlatformKafka.ADMIN)), name, config);
            loop = new ConsumerLoop("billing", TOPIC, new Subscription.Group(GROUP, Optional.empty()), handler, clients,
                    config.consumer(), new CatalogMeters(registry, metric -> 100));
            loop.start();
        }

        void reportLag() {
            loop.reportLag(clients.sharedAdmin(), Duration.ofSeconds(5));
        }

        PrometheusText scrape() {
            return PrometheusText.parse(registry.scrape());
        }

        Set<String> partitions() {
            Set<String> partitions = new HashSet<>();
            scrape().named("caas_kafka_consumer_lag").forEach(sample -> partitions.add(sample.label("partition")));
            return partitions;
        }

        double totalLag() {
            return scrape().named("caas_kafka_consumer_lag").stream().mapToDouble(PrometheusText.Sample::value).sum();
        }
    }
}
