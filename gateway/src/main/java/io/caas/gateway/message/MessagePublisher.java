package io.caas.gateway.message;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.caas.gateway.config.GatewayConfig;
import io.caas.kafka.KafkaClients;
import io.caas.kafka.event.MessageEvent;
import io.caas.kafka.tracing.KafkaRecordTracing;

/**
 * Writes message events to Kafka and returns only once the broker acknowledged them (acks=all, idempotent
 * producer); otherwise throws within the publish timeout, so the caller never gets 202 for a message that is
 * not in Kafka. The record key is tenant/conversation, so one conversation stays in order on one partition.
 */
@ApplicationScoped
public class MessagePublisher {

    /** The event was not acknowledged in time; it may or may not have been written. */
    public static final class NotAcknowledged extends Exception {
        NotAcknowledged(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static final Logger LOG = Logger.getLogger(MessagePublisher.class);

    private final KafkaProducer<String, byte[]> producer;
    private final String topic;
    private final Duration timeout;
    private final ObjectMapper json;
    private final KafkaRecordTracing tracing;

    public MessagePublisher(GatewayConfig config, KafkaClients clients, ObjectMapper json, KafkaRecordTracing tracing) {
        this.topic = config.kafka().topic();
        this.timeout = config.kafka().publishTimeout();
        this.json = json;
        this.tracing = tracing;
        int timeoutMs = Math.toIntExact(timeout.toMillis());
        // Every wait is bounded by the publish timeout: metadata (max.block), one request, the whole delivery.
        this.producer = clients.producer(Map.of(
                ProducerConfig.CLIENT_ID_CONFIG, clients.clientId("producer"),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMs,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.max(1000, timeoutMs / 2),
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeoutMs), new StringSerializer(), new ByteArraySerializer());
    }

    /** Sends the event and waits for the acknowledgement. */
    public void publish(MessageEvent event) throws NotAcknowledged {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, event.key(), event.toJson(json));
        record.headers().add("content-type", "application/json".getBytes(StandardCharsets.UTF_8));
        tracing.inject(record);
        try {
            producer.send(record).get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException | org.apache.kafka.common.errors.TimeoutException e) {
            LOG.warnf("Message %s not acknowledged by Kafka: %s", event.message_id(), e.getMessage());
            throw new NotAcknowledged("Kafka did not acknowledge the message", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotAcknowledged("Interrupted while waiting for Kafka", e);
        }
    }

    @PreDestroy
    void close() {
        producer.close(timeout); // flushes what is in flight
    }
}
