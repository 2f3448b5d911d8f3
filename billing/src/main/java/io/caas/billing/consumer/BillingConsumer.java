package io.caas.billing.consumer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.caas.billing.config.BillingConfig;
import io.caas.metrics.catalog.MetricCatalog;
import io.caas.metrics.kafka.ConsumerLagGauges;
import io.caas.metrics.kafka.KafkaConsumerLag;
import io.caas.metrics.meter.CatalogMeters;
import io.caas.metrics.telemetry.KafkaRecordTracing;
import io.micrometer.core.instrument.Counter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Meters caas.messages in billing's own consumer group. For each poll: events that cannot be metered go to the
 * dead-letter topic (acknowledged), the rest are recorded in one database transaction, and only then are the
 * offsets committed. If any step fails the batch is rewound and retried: a database outage pauses metering
 * without moving an offset, and a redelivered message is found in counted_message and not counted again.
 */
@ApplicationScoped
public class BillingConsumer {

    private static final Logger LOG = Logger.getLogger(BillingConsumer.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration RETRY_BACKOFF = Duration.ofSeconds(1);
    private static final long LAG_REPORT_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final BillingConfig config;
    private final String bootstrapServers;
    private final ObjectMapper json;
    private final UsageRecorder recorder;
    private final ConsumerLagGauges lag;
    private final KafkaRecordTracing tracing;
    private final Counter recorded;
    private final Counter duplicate;
    private final Counter rejected;

    private volatile boolean running;
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private KafkaProducer<byte[], byte[]> deadLetters;
    private Thread thread;

    public BillingConsumer(BillingConfig config, @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            ObjectMapper json, UsageRecorder recorder, ConsumerLagGauges lag, KafkaRecordTracing tracing, CatalogMeters meters) {
        this.config = config;
        this.bootstrapServers = bootstrapServers;
        this.json = json;
        this.recorder = recorder;
        this.lag = lag;
        this.tracing = tracing;
        this.recorded = meters.counter(MetricCatalog.BILLING_EVENTS, "recorded");
        this.duplicate = meters.counter(MetricCatalog.BILLING_EVENTS, "duplicate");
        this.rejected = meters.counter(MetricCatalog.BILLING_EVENTS, "rejected");
    }

    void onStart(@Observes StartupEvent event) {
        start();
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    /** Starts consuming from the group's committed offsets. */
    public synchronized void start() {
        if (running) {
            return;
        }
        deadLetters = new KafkaProducer<>(producerProps(), new ByteArraySerializer(), new ByteArraySerializer());
        consumer = new KafkaConsumer<>(consumerProps(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        running = true;
        thread = new Thread(this::run, "billing-consumer");
        thread.start();
    }

    /** Finishes the batch in hand, then stops; uncommitted records are redelivered to whoever consumes next. */
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        consumer.wakeup();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        deadLetters.close(Duration.ofSeconds(5));
    }

    private void run() {
        long lastLagReport = 0;
        try (KafkaConsumer<byte[], byte[]> c = consumer) {
            c.subscribe(List.of(config.kafka().topic()), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    lag.update(List.of()); // no longer ours; the new owner reports them
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                }
            });
            while (running) {
                ConsumerRecords<byte[], byte[]> records = c.poll(POLL);
                if (!records.isEmpty() && !process(c, records)) {
                    rewind(c, records);
                    sleep(RETRY_BACKOFF);
                }
                if (System.nanoTime() - lastLagReport > LAG_REPORT_NANOS) {
                    lag.refresh(() -> KafkaConsumerLag.read(c, Duration.ofSeconds(5)));
                    lastLagReport = System.nanoTime();
                }
            }
        } catch (WakeupException e) {
            // stop() was called
        } catch (RuntimeException e) {
            LOG.error("Billing consumer stopped unexpectedly", e);
        } finally {
            lag.clear();
        }
    }

    /** True when the whole batch is metered and its offsets committed. */
    private boolean process(KafkaConsumer<byte[], byte[]> c, ConsumerRecords<byte[], byte[]> records) {
        List<UsageEvent> events = new ArrayList<>(records.count());
        List<Map.Entry<ConsumerRecord<byte[], byte[]>, String>> poison = new ArrayList<>();
        // One span per record, continuing the gateway's trace, open until the batch is committed or rewound.
        List<Span> spans = new ArrayList<>(records.count());
        for (ConsumerRecord<byte[], byte[]> record : records) {
            spans.add(tracing.startProcessing("meter", record));
            try {
                events.add(UsageEvent.parse(json, record.value()));
            } catch (UsageEvent.Rejected e) {
                poison.add(Map.entry(record, e.getMessage()));
            }
        }
        try {
            meter(c, records, events, poison);
            return true;
        } catch (Exception e) {
            spans.forEach(span -> span.setStatus(StatusCode.ERROR, "rewound for retry"));
            LOG.warnf("Metering paused, will retry the batch: %s", e.getMessage());
            return false;
        } finally {
            spans.forEach(Span::end);
        }
    }

    /** Records the usage, parks the poison, commits the offsets: all of it, or an exception and nothing counted. */
    private void meter(KafkaConsumer<byte[], byte[]> c, ConsumerRecords<byte[], byte[]> records, List<UsageEvent> events,
            List<Map.Entry<ConsumerRecord<byte[], byte[]>, String>> poison) throws Exception {
        UsageRecorder.Outcome outcome = recorder.record(events);
        for (Map.Entry<ConsumerRecord<byte[], byte[]>, String> parked : poison) {
            park(parked.getKey(), parked.getValue());
        }
        c.commitSync(nextOffsets(records));
        recorded.increment(outcome.recorded());
        duplicate.increment(outcome.duplicates());
        rejected.increment(poison.size());
    }

    private void park(ConsumerRecord<byte[], byte[]> record, String reason) throws Exception {
        String source = record.topic() + "-" + record.partition() + "@" + record.offset();
        LOG.warnf("Event at %s cannot be metered (%s); parked in %s", source, reason, config.kafka().deadLetterTopic());
        ProducerRecord<byte[], byte[]> parked = new ProducerRecord<>(config.kafka().deadLetterTopic(), null,
                record.key(), record.value(), record.headers());
        parked.headers().add("caas-dlt-reason", reason.getBytes(StandardCharsets.UTF_8));
        parked.headers().add("caas-dlt-source", source.getBytes(StandardCharsets.UTF_8));
        deadLetters.send(parked).get(10, TimeUnit.SECONDS);
    }

    private static Map<TopicPartition, OffsetAndMetadata> nextOffsets(ConsumerRecords<byte[], byte[]> records) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition partition : records.partitions()) {
            List<ConsumerRecord<byte[], byte[]>> ofPartition = records.records(partition);
            offsets.put(partition, new OffsetAndMetadata(ofPartition.get(ofPartition.size() - 1).offset() + 1));
        }
        return offsets;
    }

    /**
     * Back to the first record of the batch on every partition still assigned, so the next poll returns it
     * again; a partition lost in a rebalance resumes at its committed offset with its new owner.
     */
    private static void rewind(KafkaConsumer<byte[], byte[]> c, ConsumerRecords<byte[], byte[]> records) {
        for (TopicPartition partition : records.partitions()) {
            if (c.assignment().contains(partition)) {
                c.seek(partition, records.records(partition).get(0).offset());
            }
        }
    }

    private Properties consumerProps() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, config.kafka().groupId());
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "billing");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        return props;
    }

    private Properties producerProps() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "billing-dead-letters");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return props;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
