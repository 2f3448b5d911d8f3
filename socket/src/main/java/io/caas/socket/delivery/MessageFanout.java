package io.caas.socket.delivery;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.caas.kafka.consumer.ConsumerLoops;
import io.caas.kafka.consumer.Subscription;
import io.caas.kafka.event.InvalidEvent;
import io.caas.kafka.event.MessageEvent;
import io.caas.kafka.tracing.KafkaRecordTracing;
import io.caas.metrics.catalog.MetricCatalog;
import io.caas.metrics.meter.CatalogMeters;
import io.caas.metrics.meter.MeterFamily;
import io.caas.socket.config.SocketConfig;
import io.caas.socket.session.Session;
import io.caas.socket.session.Sessions;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.websockets.next.CloseReason;

/**
 * Reads every partition of caas.messages through the shared consumer loop (no group, from when it started: each
 * replica sees every event and delivers to its own connections) and pushes each event to every connection of its
 * tenant subscribed to its conversation, once per message id (an event Kafka holds twice is pushed once). The loop
 * reads in partition order and each connection sends in order, so a conversation arrives in order. Pushes are asynchronous: a slow client whose unsent pushes pass the limit is
 * disconnected and stalls nobody.
 */
@ApplicationScoped
public class MessageFanout {

    private static final Logger LOG = Logger.getLogger(MessageFanout.class);
    static final CloseReason SLOW_CLIENT = new CloseReason(1008, "send buffer full: client too slow");

    private final SocketConfig config;
    private final ConsumerLoops loops;
    private final ObjectMapper json;
    private final Sessions sessions;
    private final KafkaRecordTracing tracing;
    private final MeterFamily<Counter> delivered;
    private final MeterFamily<Timer> latency;
    private final Counter duplicates;
    private final RecentMessageIds recent;

    public MessageFanout(SocketConfig config, ConsumerLoops loops, ObjectMapper json, Sessions sessions,
            KafkaRecordTracing tracing, CatalogMeters meters) {
        this.config = config;
        this.loops = loops;
        this.json = json;
        this.sessions = sessions;
        this.tracing = tracing;
        this.delivered = meters.counters(MetricCatalog.MESSAGES_DELIVERED);
        this.latency = meters.timers(MetricCatalog.DELIVERY_LATENCY);
        this.duplicates = meters.counter(MetricCatalog.SOCKET_DUPLICATE_EVENTS);
        this.recent = new RecentMessageIds(config.recentMessageIds());
    }

    void onStart(@Observes StartupEvent event) {
        loops.start("socket", config.kafka().topic(), new Subscription.EveryPartition(), this::deliver);
    }

    private void deliver(ConsumerRecords<byte[], byte[]> records) {
        for (ConsumerRecord<byte[], byte[]> record : records) {
            Span span = tracing.startProcessing("deliver", record);
            try (Scope current = span.makeCurrent()) {
                deliver(record);
            } finally {
                span.end();
            }
        }
    }

    private void deliver(ConsumerRecord<byte[], byte[]> record) {
        MessageEvent event;
        try {
            event = MessageEvent.parse(json, record.value());
        } catch (InvalidEvent e) {
            LOG.warnf("Not delivering the event at %s-%d@%d: %s", record.topic(), record.partition(), record.offset(), e.getMessage());
            return;
        }
        if (!recent.firstTime(event.message_id())) {
            duplicates.increment();
            return;
        }
        // Built once per event, and only when a session of this replica takes it: the frame, its timestamp, its meters.
        String frame = null;
        Instant receivedAt = null;
        Counter deliveredToTenant = null;
        Timer latencyOfType = null;
        for (Session session : sessions.ofTenant(event.tenant_id())) {
            if (session.conversations().contains(event.conversation_id())) {
                if (frame == null) {
                    frame = json.createObjectNode().put("op", "message").set("message", json.valueToTree(event)).toString();
                    receivedAt = event.receivedAt();
                    deliveredToTenant = delivered.get(event.tenant_id(), event.type());
                    latencyOfType = latency.get(event.type());
                }
                push(session, frame, receivedAt, deliveredToTenant, latencyOfType);
            }
        }
    }

    private void push(Session session, String frame, Instant receivedAt, Counter deliveredToTenant, Timer latencyOfType) {
        if (session.closing()) {
            return;
        }
        if (session.pendingSends().incrementAndGet() > config.sendBufferLimit()) {
            session.pendingSends().decrementAndGet();
            if (session.disconnect(SLOW_CLIENT, Duration.ofSeconds(2))) {
                LOG.infof("Disconnecting slow client %s of tenant %s", session.connection().id(), session.tenant());
            }
            return;
        }
        session.connection().sendText(frame).subscribe().with(ok -> {
            session.pendingSends().decrementAndGet();
            deliveredToTenant.increment();
            latencyOfType.record(Duration.between(receivedAt, Instant.now()));
        }, failure -> session.pendingSends().decrementAndGet());
    }
}
