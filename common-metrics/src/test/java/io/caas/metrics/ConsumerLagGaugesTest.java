package io.caas.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.IntStream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import io.caas.localinfra.KafkaBroker;
import io.caas.localinfra.SharedInfra;
import io.caas.metrics.kafka.ConsumerLagGauges;
import io.caas.metrics.kafka.KafkaConsumerLag;
import io.caas.metrics.kafka.PartitionLag;
import io.caas.metrics.meter.CatalogMeters;
import io.caas.metrics.scrape.PrometheusText;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;

/** Two replicas of one consumer group against real Kafka, each scraped like its own pod. */
class ConsumerLagGaugesTest {

    private static final String TOPIC = "lag-feeder";
    private static final String GROUP = "lag-feeder-group";

    private final KafkaBroker kafka = SharedInfra.kafka();

    @Test
    void replicasReportDisjointPartitionsWhoseSumIsTheGroupLag() throws Exception {
        try (Admin admin = kafka.admin()) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 2, (short) 1))).all().get();
        }
        produce(0, 10);
        produce(1, 6);

        Replica a = new Replica();
        Replica b = new Replica();
        try {
            awaitOnePartitionEach(a, b);
            for (Replica replica : List.of(a, b)) {
                TopicPartition partition = replica.consumer.assignment().iterator().next();
                replica.consumer.commitSync(Map.of(partition, new OffsetAndMetadata(2)));
                replica.feed();
            }
            PrometheusText podA = a.scrape();
            PrometheusText podB = b.scrape();
            assertThat(podA.named("caas_kafka_consumer_lag")).hasSize(1);
            assertThat(podB.named("caas_kafka_consumer_lag")).hasSize(1);
            assertThat(podA.named("caas_kafka_consumer_lag").get(0).label("partition"))
                    .isNotEqualTo(podB.named("caas_kafka_consumer_lag").get(0).label("partition"));
            assertThat(totalLag(podA) + totalLag(podB)).as("(10-2) + (6-2)").isEqualTo(12);

            for (Replica replica : List.of(a, b)) {
                TopicPartition partition = replica.consumer.assignment().iterator().next();
                long end = replica.consumer.endOffsets(List.of(partition)).get(partition);
                replica.consumer.commitSync(Map.of(partition, new OffsetAndMetadata(end)));
                replica.feed();
            }
            assertThat(totalLag(a.scrape()) + totalLag(b.scrape())).isZero();

            b.consumer.close();
            b.lag.clear();
            produce(1, 3);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (a.consumer.assignment().size() < 2 && System.nanoTime() < deadline) {
                a.consumer.poll(Duration.ofMillis(100));
            }
            a.feed();
            assertThat(a.scrape().named("caas_kafka_consumer_lag")).as("A took over both partitions").hasSize(2);
            assertThat(b.scrape().named("caas_kafka_consumer_lag")).as("B no longer reports").isEmpty();
        } finally {
            a.consumer.close();
        }
    }

    /** A unit check of the tolerance; PlatformIT stops the real broker under billing and socket. */
    @Test
    void whileTheBrokersDoNotAnswerTheLastLagStaysAndTheCallerKeepsRunning() {
        Replica pod = new Replica();
        try {
            pod.lag.update(List.of(new PartitionLag(TOPIC, 0, 7)));
            pod.lag.refresh(() -> {
                throw new TimeoutException("Timeout of 5000ms expired before the last committed offset");
            });
            assertThat(totalLag(pod.scrape())).isEqualTo(7);
            pod.lag.refresh(() -> List.of(new PartitionLag(TOPIC, 0, 0)));
            assertThat(totalLag(pod.scrape())).isZero();
        } finally {
            pod.consumer.close();
        }
    }

    private static double totalLag(PrometheusText pod) {
        return pod.named("caas_kafka_consumer_lag").stream().mapToDouble(PrometheusText.Sample::value).sum();
    }

    private void awaitOnePartitionEach(Replica a, Replica b) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline
                && !(a.consumer.assignment().size() == 1 && b.consumer.assignment().size() == 1)) {
            a.consumer.poll(Duration.ofMillis(100));
            b.consumer.poll(Duration.ofMillis(100));
        }
        assertThat(a.consumer.assignment()).hasSize(1);
        assertThat(b.consumer.assignment()).hasSize(1);
    }

    private void produce(int partition, int count) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            for (int i : IntStream.range(0, count).toArray()) {
                producer.send(new ProducerRecord<>(TOPIC, partition, "k", "v" + i)).get();
            }
        }
    }

    /** One pod: its own registry, lag feeder and consumer in the shared group. */
    private final class Replica {
        final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        final ConsumerLagGauges lag = new ConsumerLagGauges(new CatalogMeters(registry, metric -> 100));
        final KafkaConsumer<String, String> consumer;

        Replica() {
            Properties props = new Properties();
            props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
            props.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP);
            props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
            props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
            consumer.subscribe(List.of(TOPIC));
        }

        void feed() {
            lag.update(KafkaConsumerLag.read(consumer, Duration.ofSeconds(10)));
        }

        PrometheusText scrape() {
            return PrometheusText.parse(registry.scrape());
        }
    }
}
