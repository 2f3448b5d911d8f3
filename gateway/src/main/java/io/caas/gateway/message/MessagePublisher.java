package io.caas.gateway.message;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.caas.gateway.config.GatewayConfig;
import io.caas.kafka.KafkaClients;
import io.caas.kafka.event.MessageEvent;
import io.caas.kafka.tracing.KafkaRecordTracing;

/**
 * Writes message events to Kafka; the returned stage completes when the broker acknowledged the event (acks=all,
 * idempotent producer) and fails with {@link NotAcknowledged} within the publish timeout otherwise, so the caller
 * never gets 202 for a message that is not in Kafka. No thread waits for the acknowledgement: the producer's
 * callback completes the stage. The record key is tenant/conversation, so one conversation stays in order on one
 * partition.
 */
@ApplicationScoped
public class MessagePublisher {

    /** The event was not acknowledged in time; it may or may not have been written. */
    public static final class NotAcknowledged extends RuntimeException {
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
        // Every wait is bounded by the publish timeout: metadata (max.block), one request, the whole delivery.
        Map<String, Object> settings = new HashMap<>(KafkaClients.acknowledgedProducerSettings(timeout, config.kafka().lingerMs()));
        settings.put(ProducerConfig.CLIENT_ID_CONFIG, clients.clientId("producer"));
        this.producer = clients.producer(settings, new StringSerializer(), new ByteArraySerializer());
    }

    /**
     * Sends the event. {@code send} itself only blocks while the producer has no metadata or a full buffer (at most
     * the publish timeout); the acknowledgement, or its failure, arrives on the producer's I/O thread. The delivery
     * timeout guarantees the callback runs; the stage's own timeout, a second later, is a safety net.
     */
    public CompletionStage<Void> publish(MessageEvent event) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, event.key(), event.toJson(json));
        record.headers().add("content-type", "application/json".getBytes(StandardCharsets.UTF_8));
        tracing.inject(record);
        CompletableFuture<Void> acknowledged = new CompletableFuture<>();
        try {
            producer.send(record, (metadata, error) -> {
                if (error == null) {
                    acknowledged.complete(null);
                } else {
                    acknowledged.completeExceptionally(notAcknowledged(event, error));
                }
            });
        } catch (KafkaException e) { // no metadata or buffer space within max.block.ms
            acknowledged.completeExceptionally(notAcknowledged(event, e));
        }
        return acknowledged.orTimeout(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS)
                .exceptionallyCompose(error -> CompletableFuture.failedFuture(error instanceof NotAcknowledged
                        ? error : notAcknowledged(event, error)));
    }

    private static NotAcknowledged notAcknowledged(MessageEvent event, Throwable error) {
        LOG.warnf("Message %s not acknowledged by Kafka: %s", event.message_id(), error.getMessage());
        return new NotAcknowledged("Kafka did not acknowledge the message", error);
    }

    @PreDestroy
    void close() {
        producer.close(timeout); // flushes what is in flight
    }
}
