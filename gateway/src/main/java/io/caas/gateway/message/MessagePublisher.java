package io.caas.gateway.message;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;
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
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.caas.gateway.config.GatewayConfig;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Context;

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
    private final OpenTelemetry telemetry;

    public MessagePublisher(GatewayConfig config, @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            ObjectMapper json, OpenTelemetry telemetry) {
        this.topic = config.kafka().topic();
        this.timeout = config.kafka().publishTimeout();
        this.json = json;
        this.telemetry = telemetry;
        int timeoutMs = Math.toIntExact(timeout.toMillis());
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "gateway");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        // Every wait is bounded by the publish timeout: metadata (max.block), one request, the whole delivery.
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMs);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.max(1000, timeoutMs / 2));
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeoutMs);
        this.producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    /** Sends the event and waits for the acknowledgement. */
    public void publish(MessageEvent event) throws NotAcknowledged {
        ProducerRecord<String, byte[]> record;
        try {
            record = new ProducerRecord<>(topic, event.tenant_id() + "/" + event.conversation_id(), json.writeValueAsBytes(event));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialize " + event.message_id(), e);
        }
        record.headers().add("content-type", "application/json".getBytes(StandardCharsets.UTF_8));
        telemetry.getPropagators().getTextMapPropagator().inject(Context.current(), record,
                (carrier, key, value) -> carrier.headers().remove(key).add(key, value.getBytes(StandardCharsets.UTF_8)));
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
