package io.caas.billing.consumer;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.caas.billing.config.BillingConfig;
import io.caas.kafka.consumer.ConsumerLoop;
import io.caas.kafka.consumer.ConsumerLoops;
import io.caas.kafka.consumer.RetryBatch;
import io.caas.kafka.consumer.Subscription;
import io.caas.kafka.deadletter.DeadLetters;
import io.caas.kafka.event.InvalidEvent;
import io.caas.kafka.event.MessageEvent;
import io.caas.kafka.tracing.KafkaRecordTracing;
import io.caas.metrics.catalog.MetricCatalog;
import io.caas.metrics.meter.CatalogMeters;
import io.micrometer.core.instrument.Counter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.quarkus.runtime.StartupEvent;

/**
 * Meters caas.messages in billing's consumer group, through the shared consumer loop. Per batch: events that
 * break the contract, and events PostgreSQL refuses, are parked in the dead-letter topic with their reason; the
 * rest are recorded in one transaction (the message id is the dedup key); only then does the loop commit the
 * offsets. When PostgreSQL or the dead-letter topic is unavailable the batch is retried, so nothing is lost and,
 * thanks to the dedup key, nothing is counted twice.
 */
@ApplicationScoped
public class BillingConsumer {

    /** The {@code consumer} label of billing's loop metrics. */
    private static final String CONSUMER = "billing";

    private record Pending(ConsumerRecord<byte[], byte[]> record, UsageEvent usage) {
    }

    private record Refused(ConsumerRecord<byte[], byte[]> record, String reason) {
    }

    private final BillingConfig config;
    private final ConsumerLoops loops;
    private final ObjectMapper json;
    private final UsageRecorder recorder;
    private final KafkaRecordTracing tracing;
    private final Counter recorded;
    private final Counter duplicate;
    private final Counter rejected;
    private DeadLetters deadLetters;
    private ConsumerLoop loop;

    public BillingConsumer(BillingConfig config, ConsumerLoops loops, ObjectMapper json, UsageRecorder recorder,
            KafkaRecordTracing tracing, CatalogMeters meters) {
        this.config = config;
        this.loops = loops;
        this.json = json;
        this.recorder = recorder;
        this.tracing = tracing;
        this.recorded = meters.counter(MetricCatalog.BILLING_EVENTS, "recorded");
        this.duplicate = meters.counter(MetricCatalog.BILLING_EVENTS, "duplicate");
        this.rejected = meters.counter(MetricCatalog.BILLING_EVENTS, "rejected");
    }

    void onStart(@Observes StartupEvent event) {
        start();
    }

    /** Starts (or resumes) metering from the group's committed offsets. */
    public synchronized void start() {
        if (loop == null) {
            deadLetters = loops.deadLetters(CONSUMER, config.kafka().deadLetterTopic());
            loop = loops.start(CONSUMER, config.kafka().topic(),
                    new Subscription.Group(config.kafka().groupId(), config.kafka().groupInstanceId()), this::meter);
        } else {
            loop.start();
        }
    }

    /** Finishes and commits the batch in hand, then stops; what is not committed is metered by whoever consumes next. */
    public synchronized void stop() {
        loop.stop(Duration.ofSeconds(30));
    }

    private void meter(ConsumerRecords<byte[], byte[]> records) throws RetryBatch {
        List<Pending> events = new ArrayList<>(records.count());
        List<Refused> refused = new ArrayList<>();
        // One span per record, continuing the gateway's trace, open until the batch is recorded or retried.
        List<Span> spans = new ArrayList<>(records.count());
        for (ConsumerRecord<byte[], byte[]> record : records) {
            spans.add(tracing.startProcessing("meter", record));
            try {
                events.add(new Pending(record, UsageEvent.of(MessageEvent.parse(json, record.value()))));
            } catch (InvalidEvent e) {
                refused.add(new Refused(record, e.getMessage()));
            }
        }
        try {
            UsageRecorder.Outcome outcome = record(events, refused);
            for (Refused parked : refused) {
                deadLetters.park(parked.record(), parked.reason());
            }
            recorded.increment(outcome.recorded());
            duplicate.increment(outcome.duplicates());
            rejected.increment(refused.size());
        } catch (RetryBatch e) {
            spans.forEach(span -> span.setStatus(StatusCode.ERROR, "retried"));
            throw e;
        } finally {
            spans.forEach(Span::end);
        }
    }

    /**
     * Records the batch in one transaction. If PostgreSQL refuses some event's data, each event is recorded on its
     * own and those it refuses join {@code refused}; if PostgreSQL is unavailable, the batch is retried.
     */
    private UsageRecorder.Outcome record(List<Pending> events, List<Refused> refused) throws RetryBatch {
        try {
            return recorder.record(events.stream().map(Pending::usage).toList());
        } catch (SQLException e) {
            if (!UsageRecorder.refusedTheData(e)) {
                throw unavailable(e);
            }
        }
        int recordedOneByOne = 0;
        int duplicatesOneByOne = 0;
        for (Pending event : events) {
            try {
                UsageRecorder.Outcome outcome = recorder.record(List.of(event.usage()));
                recordedOneByOne += outcome.recorded();
                duplicatesOneByOne += outcome.duplicates();
            } catch (SQLException e) {
                if (!UsageRecorder.refusedTheData(e)) {
                    throw unavailable(e);
                }
                refused.add(new Refused(event.record(), "refused by PostgreSQL (SQLState " + e.getSQLState() + "): " + e.getMessage()));
            }
        }
        return new UsageRecorder.Outcome(recordedOneByOne, duplicatesOneByOne);
    }

    private static RetryBatch unavailable(SQLException e) {
        return new RetryBatch("PostgreSQL is unavailable (" + e.getMessage() + ")", e);
    }
}
