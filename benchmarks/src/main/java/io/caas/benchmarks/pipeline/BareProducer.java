package io.caas.benchmarks.pipeline;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.stream.IntStream;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.caas.kafka.KafkaClients;
import io.caas.kafka.event.MessageEvent;
import io.caas.kafka.event.MessageIds;
import io.caas.localinfra.KafkaBroker;

/**
 * The baseline: message events written straight to the gateway's topic, from this JVM, as the gateway's Kafka
 * principal and with its producer settings, publish timeout and linger (read from its application.properties): what the
 * path costs without HTTP, tokens, JSON and the gateway in between. The events are valid, of throwaway tenants,
 * so socket and billing handle them as they handle the gateway's.
 */
final class BareProducer implements ClosedLoopRun.Senders, AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final KafkaProducer<String, byte[]> producer;
    private final String topic;
    private final List<String> tenants;
    private final String conversation;
    private final String body;

    BareProducer(KafkaBroker kafka, int tenants, String conversation, String body, int lingerMs) {
        this.topic = PipelineSettings.gatewayProperty("caas.gateway.kafka.topic");
        Duration publishTimeout = Duration.parse("PT" + PipelineSettings.gatewayProperty("caas.gateway.kafka.publish-timeout"));
        Map<String, Object> settings = new HashMap<>(kafka.clientProperties("gateway"));
        settings.putAll(KafkaClients.acknowledgedProducerSettings(publishTimeout, lingerMs));
        settings.put(ProducerConfig.CLIENT_ID_CONFIG, "pipeline-benchmark-producer");
        this.producer = new KafkaProducer<>(settings, new StringSerializer(), new ByteArraySerializer());
        this.tenants = IntStream.range(0, tenants).mapToObj(i -> UUID.randomUUID().toString()).toList();
        this.conversation = conversation;
        this.body = body;
    }

    /** One thread per sender, each waiting for its send's acknowledgement before the next. */
    @Override
    public void start(int count, ClosedLoopRun.Answers answers) {
        for (int i = 0; i < count; i++) {
            String tenant = tenants.get(i % tenants.size());
            Thread sender = new Thread(() -> {
                while (answers.running()) {
                    ProducerRecord<String, byte[]> record = record(tenant);
                    long sent = System.nanoTime();
                    try {
                        producer.send(record).get();
                        answers.answered(sent, true);
                    } catch (ExecutionException | KafkaException e) { // not acknowledged, or no metadata within max.block
                        answers.answered(sent, false);
                    } catch (InterruptedException e) {
                        break;
                    }
                }
                answers.senderStopped();
            }, "bare-producer-" + i);
            sender.setDaemon(true);
            sender.start();
        }
    }

    /** An event as the gateway writes it: a new id, accepted (and received) now, keyed by tenant/conversation. */
    private ProducerRecord<String, byte[]> record(String tenant) {
        String now = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
        MessageEvent event = new MessageEvent(MessageIds.random(), tenant, conversation, "text", body, null, now, now);
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, event.key(), event.toJson(JSON));
        record.headers().add("content-type", "application/json".getBytes(StandardCharsets.UTF_8));
        return record;
    }

    @Override
    public void close() {
        producer.close();
    }
}
