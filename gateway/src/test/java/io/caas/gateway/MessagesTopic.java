package io.caas.gateway;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import io.vertx.core.json.JsonObject;

/** Reads caas.messages from the beginning, as a consumer of the gateway's events would. */
final class MessagesTopic {

    /** One record: key, headers, and the event JSON. */
    record Event(String key, Map<String, String> headers, JsonObject value) {
        String field(String name) {
            return value.getString(name);
        }
    }

    private MessagesTopic() {
    }

    /** Every event on the topic, waiting until {@code until} holds for one of them (or 30 s pass). */
    static List<Event> readUntil(String bootstrapServers, Predicate<Event> until) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<Event> events = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor("caas.messages", Duration.ofSeconds(10)).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline && events.stream().noneMatch(until)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    Map<String, String> headers = new java.util.LinkedHashMap<>();
                    record.headers().forEach(h -> headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8)));
                    events.add(new Event(record.key(), headers, new JsonObject(record.value())));
                }
            }
        }
        return events;
    }

    static List<Event> ofTenant(List<Event> events, String tenant) {
        return events.stream().filter(e -> tenant.equals(e.field("tenant_id"))).collect(Collectors.toList());
    }
}
