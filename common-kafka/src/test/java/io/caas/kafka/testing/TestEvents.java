package io.caas.kafka.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.caas.localinfra.KafkaBroker;
import io.caas.localinfra.PlatformKafka;

/**
 * Message events as the gateway writes them, produced straight into the real broker past the gateway (as the
 * platform's admin: no service principal may do that), and topics read back from the beginning.
 */
public final class TestEvents {

    public static final String TOPIC = "caas.messages";
    public static final String DEAD_LETTER_TOPIC = "caas.messages.dlt";

    private TestEvents() {
    }

    /** An event of a new message (random id) in conversation "c". */
    public static String message(String tenant, String type, Instant acceptedAt) {
        return message(UUID.randomUUID().toString(), tenant, "c", type, "b", acceptedAt);
    }

    public static String message(String messageId, String tenant, String type, Instant acceptedAt) {
        return message(messageId, tenant, "c", type, "b", acceptedAt);
    }

    public static String message(String messageId, String tenant, String conversation, String type, String body, Instant acceptedAt) {
        return "{\"message_id\":\"" + messageId + "\",\"tenant_id\":\"" + tenant + "\",\"conversation_id\":\"" + conversation
                + "\",\"type\":\"" + type + "\",\"body\":\"" + body + "\",\"client_msg_id\":null,\"accepted_at\":\"" + acceptedAt + "\"}";
    }

    /** Produces {@code events} to caas.messages, in order, under one key (so onto one partition). */
    public static void produce(KafkaBroker kafka, List<String> events) {
        produce(kafka, TOPIC, null, "key", events);
    }

    /**
     * Produces one event per body to one conversation, keyed as the gateway keys it (tenant/conversation), and
     * returns their message ids in order.
     */
    public static List<String> produceConversation(KafkaBroker kafka, String tenant, String conversation, String type, List<String> bodies) {
        List<String> ids = new ArrayList<>();
        List<String> events = new ArrayList<>();
        for (String body : bodies) {
            String id = UUID.randomUUID().toString();
            ids.add(id);
            events.add(message(id, tenant, conversation, type, body, Instant.now()));
        }
        produce(kafka, TOPIC, null, tenant + "/" + conversation, events);
        return ids;
    }

    /** Produces {@code values} to {@code topic} (to {@code partition} when not null), in order, and waits for the acks. */
    public static void produce(KafkaBroker kafka, String topic, Integer partition, String key, List<String> values) {
        Properties props = new Properties();
        props.putAll(kafka.clientProperties(PlatformKafka.ADMIN));
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            List<Future<?>> acks = new ArrayList<>();
            for (String value : values) {
                acks.add(producer.send(new ProducerRecord<>(topic, partition, key, value)));
            }
            for (Future<?> ack : acks) {
                ack.get(30, TimeUnit.SECONDS);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not take the test events", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Every record of a topic, read from the beginning until there are {@code atLeast} or {@code wait} is over. */
    public static List<ConsumerRecord<String, String>> readAll(KafkaBroker kafka, String topic, int atLeast, Duration wait) {
        return readUntil(kafka, topic, records -> records.size() >= atLeast, wait);
    }

    /** Every record of a topic, read from the beginning until {@code enough} holds for them or {@code wait} is over. */
    public static List<ConsumerRecord<String, String>> readUntil(KafkaBroker kafka, String topic,
            Predicate<List<ConsumerRecord<String, String>>> enough, Duration wait) {
        Properties props = new Properties();
        props.putAll(kafka.clientProperties(PlatformKafka.ADMIN));
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + wait.toNanos();
            while (!enough.test(records) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    public static String header(ConsumerRecord<?, ?> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    public static String uniqueTenant(String prefix) {
        return prefix + "-" + Long.toHexString(System.nanoTime());
    }
}
