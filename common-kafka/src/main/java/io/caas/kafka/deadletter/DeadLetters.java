package io.caas.kafka.deadletter;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.jboss.logging.Logger;

import io.caas.kafka.KafkaClients;
import io.caas.kafka.consumer.RetryBatch;
import io.caas.metrics.catalog.MetricCatalog;
import io.caas.metrics.meter.CatalogMeters;
import io.micrometer.core.instrument.Counter;

/**
 * Parks records a consumer cannot process in a dead-letter topic, unchanged (key, value, headers), with
 * {@code caas-dlt-reason} and {@code caas-dlt-source} (topic-partition@offset) headers, and counts them in
 * {@code caas_kafka_dead_letters_total{consumer}}. Parking waits for the acknowledgement; if Kafka does not give
 * it, the handler's batch is retried ({@link RetryBatch}), so a record is never dropped on the way.
 */
public final class DeadLetters implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(10);

    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;
    private final Counter parked;

    public DeadLetters(KafkaClients clients, CatalogMeters meters, String consumer, String topic) {
        this.topic = topic;
        this.parked = meters.counter(MetricCatalog.KAFKA_DEAD_LETTERS, consumer);
        this.producer = clients.producer(Map.of(
                ProducerConfig.CLIENT_ID_CONFIG, clients.clientId("dead-letters"),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, Math.toIntExact(ACK_TIMEOUT.toMillis()),
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Math.toIntExact(ACK_TIMEOUT.toMillis()),
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.toIntExact(ACK_TIMEOUT.toMillis() / 2)),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Parks {@code record} with {@code reason} and returns once Kafka has it. */
    public void park(ConsumerRecord<byte[], byte[]> record, String reason) throws RetryBatch {
        String source = record.topic() + "-" + record.partition() + "@" + record.offset();
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        headers.remove("caas-dlt-reason").remove("caas-dlt-source");
        ProducerRecord<byte[], byte[]> letter = new ProducerRecord<>(topic, null, record.key(), record.value(), headers);
        letter.headers().add("caas-dlt-reason", reason.getBytes(StandardCharsets.UTF_8));
        letter.headers().add("caas-dlt-source", source.getBytes(StandardCharsets.UTF_8));
        try {
            producer.send(letter).get(ACK_TIMEOUT.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            throw new RetryBatch("dead-letter topic " + topic + " did not acknowledge the record from " + source, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RetryBatch("interrupted while parking the record from " + source, e);
        }
        parked.increment();
        LOG.warnf("Record %s parked in %s: %s", source, topic, reason);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
