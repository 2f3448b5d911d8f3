package io.caas.localinfra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class KafkaBrokerTest {

    private static KafkaBroker broker;

    @BeforeAll
    static void start() {
        broker = new KafkaBroker(Path.of("target", "kafka-broker-test")).start();
    }

    @AfterAll
    static void stop() {
        broker.stop();
    }

    @Test
    void producedRecordIsConsumedAndItsOffsetCommitted() throws Exception {
        String topic = "roundtrip";
        try (Admin admin = broker.admin()) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        try (KafkaProducer<String, String> producer = producer()) {
            producer.send(new ProducerRecord<>(topic, "key-1", "hello")).get();
        }
        TopicPartition partition = new TopicPartition(topic, 0);
        try (KafkaConsumer<String, String> consumer = consumer("roundtrip-group")) {
            consumer.subscribe(List.of(topic));
            List<ConsumerRecord<String, String>> records = pollUntil(consumer, 1);
            assertThat(records).extracting(ConsumerRecord::key, ConsumerRecord::value)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("key-1", "hello"));
            consumer.commitSync(Map.of(partition, new OffsetAndMetadata(records.get(0).offset() + 1)));
        }
        try (KafkaConsumer<String, String> fresh = consumer("roundtrip-group")) {
            Map<TopicPartition, OffsetAndMetadata> committed = fresh.committed(Set.of(partition), Duration.ofSeconds(10));
            assertThat(committed.get(partition).offset()).isEqualTo(1);
        }
    }

    @Test
    void restartKeepsPortAndData() throws Exception {
        String topic = "survives-restart";
        try (Admin admin = broker.admin()) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        try (KafkaProducer<String, String> producer = producer()) {
            producer.send(new ProducerRecord<>(topic, "k", "before restart")).get();
        }
        String bootstrap = broker.bootstrapServers();
        broker.stop();
        assertThat(broker.isRunning()).isFalse();
        broker.start();
        assertThat(broker.bootstrapServers()).isEqualTo(bootstrap);
        try (KafkaConsumer<String, String> consumer = consumer("restart-group")) {
            consumer.subscribe(List.of(topic));
            assertThat(pollUntil(consumer, 1)).extracting(ConsumerRecord::value).containsExactly("before restart");
        }
    }

    private KafkaProducer<String, String> producer() {
        Properties props = new Properties();
        props.putAll(broker.clientProperties(PlatformKafka.ADMIN));
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    private KafkaConsumer<String, String> consumer(String group) {
        Properties props = new Properties();
        props.putAll(broker.clientProperties(PlatformKafka.ADMIN));
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
    }

    private static List<ConsumerRecord<String, String>> pollUntil(KafkaConsumer<String, String> consumer, int count) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (records.size() < count && System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(500)).forEach(records::add);
        }
        return records;
    }
}
