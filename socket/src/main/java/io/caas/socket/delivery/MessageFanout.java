package io.caas.socket.delivery;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.caas.metrics.catalog.MetricCatalog;
import io.caas.metrics.kafka.ConsumerLagGauges;
import io.caas.metrics.kafka.KafkaConsumerLag;
import io.caas.metrics.meter.CatalogMeters;
import io.caas.metrics.meter.MeterFamily;
import io.caas.metrics.telemetry.KafkaRecordTracing;
import io.caas.socket.config.SocketConfig;
import io.caas.socket.session.Session;
import io.caas.socket.session.Sessions;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.websockets.next.CloseReason;

/**
 * Reads every partition of caas.messages (manual assignment, from the end: each replica sees every event and
 * delivers to its own connections) and pushes each event to every connection of its tenant subscribed to its
 * conversation. One thread reads in partition order and each connection sends in order, so a conversation
 * arrives in order. Pushes are asynchronous: a slow client whose unsent pushes pass the limit is disconnected
 * and stalls nobody.
 */
@ApplicationScoped
public class MessageFanout {

    private static final Logger LOG = Logger.getLogger(MessageFanout.class);
    private static final long LAG_REPORT_NANOS = TimeUnit.SECONDS.toNanos(1);
    static final CloseReason SLOW_CLIENT = new CloseReason(1008, "send buffer full: client too slow");

    private final SocketConfig config;
    private final String bootstrapServers;
    private final ObjectMapper json;
    private final Sessions sessions;
    private final ConsumerLagGauges lag;
    private final KafkaRecordTracing tracing;
    private final MeterFamily<Counter> delivered;
    private final MeterFamily<Timer> latency;

    private static final java.util.Set<String> TYPES = java.util.Set.of("text", "image", "file", "system");

    private volatile boolean running;
    private volatile boolean paused;
    private volatile CompletableFuture<Void> pauseApplied = CompletableFuture.completedFuture(null);
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private Thread thread;

    public MessageFanout(SocketConfig config, @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            ObjectMapper json, Sessions sessions, ConsumerLagGauges lag, KafkaRecordTracing tracing, CatalogMeters meters) {
        this.config = config;
        this.bootstrapServers = bootstrapServers;
        this.json = json;
        this.sessions = sessions;
        this.lag = lag;
        this.tracing = tracing;
        this.delivered = meters.counters(MetricCatalog.MESSAGES_DELIVERED);
        this.latency = meters.timers(MetricCatalog.DELIVERY_LATENCY);
    }

    void onStart(@Observes StartupEvent event) {
        start();
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    /**
     * Holds delivery without losing the position (e.g. while a dependency is maintained): events queue up in
     * Kafka and show as lag, and {@link #resume()} delivers them in order.
     */
    public void pause() {
        CompletableFuture<Void> applied = new CompletableFuture<>();
        pauseApplied = applied;
        paused = true;
        try {
            applied.get(10, TimeUnit.SECONDS); // the consumer thread pauses between polls
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Delivery did not pause", e);
        }
    }

    public void resume() {
        paused = false;
    }

    /** Starts reading from the end of every partition. */
    synchronized void start() {
        if (running) {
            return;
        }
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "socket");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        running = true;
        thread = new Thread(this::run, "socket-fanout");
        thread.start();
    }

    synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        consumer.wakeup();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        long lastLagReport = 0;
        try (KafkaConsumer<byte[], byte[]> c = consumer) {
            assignAllPartitions(c);
            while (running) {
                if (paused != !c.paused().isEmpty()) {
                    if (paused) {
                        c.pause(c.assignment());
                        pauseApplied.complete(null);
                    } else {
                        c.resume(c.assignment());
                    }
                }
                for (ConsumerRecord<byte[], byte[]> record : c.poll(Duration.ofMillis(200))) {
                    Span span = tracing.startProcessing("deliver", record);
                    try (Scope current = span.makeCurrent()) {
                        deliver(record);
                    } finally {
                        span.end();
                    }
                }
                if (System.nanoTime() - lastLagReport > LAG_REPORT_NANOS) {
                    lag.refresh(() -> KafkaConsumerLag.readByPosition(c, Duration.ofSeconds(5)));
                    lastLagReport = System.nanoTime();
                }
            }
        } catch (WakeupException e) {
            // stop() was called
        } catch (RuntimeException e) {
            LOG.error("Fan-out stopped unexpectedly", e);
        } finally {
            lag.clear();
        }
    }

    private void assignAllPartitions(KafkaConsumer<byte[], byte[]> c) {
        List<PartitionInfo> partitions = List.of();
        while (running && partitions.isEmpty()) {
            partitions = c.partitionsFor(config.kafka().topic(), Duration.ofSeconds(10));
        }
        List<TopicPartition> assigned = partitions.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        c.assign(assigned);
        c.seekToEnd(assigned);
        assigned.forEach(c::position); // fix the start now: events published from here on are delivered
    }

    private void deliver(ConsumerRecord<byte[], byte[]> record) {
        JsonNode event;
        try {
            event = json.readTree(record.value());
        } catch (java.io.IOException | RuntimeException e) {
            LOG.warnf("Skipping unreadable event at %s-%d@%d", record.topic(), record.partition(), record.offset());
            return;
        }
        String tenant = event.path("tenant_id").asText(null);
        String conversation = event.path("conversation_id").asText(null);
        String type = TYPES.contains(event.path("type").asText()) ? event.path("type").asText() : "other";
        if (tenant == null || conversation == null) {
            return;
        }
        String frame = json.createObjectNode().put("op", "message").set("message", event).toString();
        Instant acceptedAt = acceptedAt(event);
        for (Session session : sessions.ofTenant(tenant)) {
            if (session.conversations().contains(conversation)) {
                push(session, frame, type, acceptedAt);
            }
        }
    }

    private void push(Session session, String frame, String type, Instant acceptedAt) {
        if (session.evicted()) {
            return;
        }
        if (session.pendingSends().incrementAndGet() > config.sendBufferLimit()) {
            session.pendingSends().decrementAndGet();
            if (session.evict()) {
                LOG.infof("Disconnecting slow client %s of tenant %s", session.connection().id(), session.tenant());
                session.disconnect(SLOW_CLIENT, Duration.ofSeconds(2));
            }
            return;
        }
        session.connection().sendText(frame).subscribe().with(ok -> {
            session.pendingSends().decrementAndGet();
            delivered.get(session.tenant(), type).increment();
            if (acceptedAt != null) {
                latency.get(type).record(Duration.between(acceptedAt, Instant.now()));
            }
        }, failure -> session.pendingSends().decrementAndGet());
    }

    private static Instant acceptedAt(JsonNode event) {
        try {
            return Instant.parse(event.path("accepted_at").asText());
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
