package io.caas.kafka.consumer;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.MemberToRemove;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupOptions;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

import io.caas.kafka.KafkaClients;
import io.caas.kafka.KafkaConfig;
import io.caas.kafka.lag.ConsumerLagGauges;
import io.caas.kafka.lag.PartitionLag;
import io.caas.metrics.catalog.MetricCatalog;
import io.caas.metrics.meter.CatalogMeters;
import io.micrometer.core.instrument.Counter;

/**
 * The one way the platform consumes Kafka: a thread that polls, hands each batch to a {@link BatchHandler} and,
 * in a group, commits after it. It never ends except by {@link #stop}: while Kafka is down it keeps polling
 * (waiting), when a dependency of the handler is down it rewinds and retries the batch, and after an unexpected
 * error it recreates its consumer with a growing pause, counting each restart. Its state is public: the
 * {@code caas_kafka_consumer_up} gauge, {@code caas_kafka_consumer_restarts_total}, the lag of the partitions it
 * reports (kept while it retries) and the readiness and liveness of {@link ConsumerLoopHealth}.
 */
public final class ConsumerLoop {

    private static final Logger LOG = Logger.getLogger(ConsumerLoop.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final String name;
    private final String topic;
    private final Subscription subscription;
    private final BatchHandler handler;
    private final KafkaClients clients;
    private final KafkaConfig.Consumer config;
    private final ConsumerLagGauges lag;
    private final Counter restarts;
    private final AtomicInteger up = new AtomicInteger();
    private final Object pauses = new Object();
    private final Map<TopicPartition, Long> positions = new ConcurrentHashMap<>();

    private volatile boolean running;
    private volatile boolean hadPartitions;
    private volatile boolean joined;
    private volatile long lastPollNanos;
    private volatile Set<TopicPartition> assignment = Set.of();
    private volatile String memberId = "";
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private Duration restartBackoff;
    private long startedAtMillis;
    private Thread thread;

    ConsumerLoop(String name, String topic, Subscription subscription, BatchHandler handler, KafkaClients clients,
            KafkaConfig.Consumer config, CatalogMeters meters) {
        this.name = name;
        this.topic = topic;
        this.subscription = subscription;
        this.handler = handler;
        this.clients = clients;
        this.config = config;
        this.lag = new ConsumerLagGauges(meters);
        this.restarts = meters.counter(MetricCatalog.KAFKA_CONSUMER_RESTARTS, name);
        meters.gauge(MetricCatalog.KAFKA_CONSUMER_UP, up, AtomicInteger::doubleValue, name);
    }

    /** The {@code consumer} label of this loop's metrics, e.g. {@code billing}. */
    public String name() {
        return name;
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        hadPartitions = false;
        startedAtMillis = System.currentTimeMillis();
        lastPollNanos = System.nanoTime();
        restartBackoff = config.restartBackoff();
        thread = new Thread(this::run, "kafka-consumer-" + name);
        thread.start();
    }

    /**
     * Finishes the batch in hand (and commits it), then stops within {@code timeout}. A static group member also
     * leaves the group, so its partitions move to the other replicas now rather than after the session timeout.
     */
    public synchronized void stop(Duration timeout) {
        if (!running) {
            return;
        }
        running = false;
        synchronized (pauses) {
            pauses.notifyAll();
        }
        KafkaConsumer<byte[], byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        try {
            thread.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        up.set(0);
        if (subscription instanceof Subscription.Group group && group.instanceId().isPresent()) {
            leaveGroup(group);
        }
        synchronized (lag) {
            lag.clear();
        }
    }

    /** Ready once it has had its partitions since it started. */
    public boolean ready() {
        return hadPartitions;
    }

    public boolean running() {
        return running;
    }

    /** How long since the loop last polled (or, while Kafka is unreachable at start, last asked for metadata). */
    public Duration sinceLastPoll() {
        return Duration.ofNanos(System.nanoTime() - lastPollNanos);
    }

    public Set<TopicPartition> assignment() {
        return assignment;
    }

    public long restarts() {
        return (long) restarts.count();
    }

    private void run() {
        while (running) {
            try {
                consume();
            } catch (WakeupException e) {
                // stop() woke a blocking call
            } catch (RuntimeException e) {
                if (!running) {
                    break;
                }
                joined = false;
                up.set(0);
                restarts.increment();
                LOG.errorf(e, "Kafka consumer %s failed; it restarts in %s", name, restartBackoff);
                pause(restartBackoff);
                restartBackoff = min(restartBackoff.multipliedBy(2), config.restartBackoffMax());
            }
        }
        up.set(0);
    }

    private void consume() {
        KafkaConsumer<byte[], byte[]> c = clients.consumer(settings());
        consumer = c;
        try {
            if (subscription instanceof Subscription.Group) {
                c.subscribe(List.of(topic), new Rebalances());
            } else if (!assignEveryPartition(c)) {
                return;
            }
            long nextRediscovery = System.nanoTime() + config.rediscoverInterval().toNanos();
            while (running) {
                if (subscription instanceof Subscription.EveryPartition && System.nanoTime() > nextRediscovery) {
                    rediscover(c);
                    nextRediscovery = System.nanoTime() + config.rediscoverInterval().toNanos();
                }
                ConsumerRecords<byte[], byte[]> records = c.poll(POLL);
                lastPollNanos = System.nanoTime();
                if (subscription instanceof Subscription.Group) {
                    memberId = c.groupMetadata().memberId();
                }
                if (joined) {
                    up.set(1);
                    restartBackoff = config.restartBackoff();
                }
                if (!records.isEmpty()) {
                    handle(c, records);
                }
            }
        } finally {
            consumer = null;
            c.close(CLOSE_TIMEOUT);
        }
    }

    private void handle(KafkaConsumer<byte[], byte[]> c, ConsumerRecords<byte[], byte[]> records) {
        try {
            handler.handle(records);
        } catch (RetryBatch e) {
            LOG.warnf("Kafka consumer %s: %s; the batch is handled again in %s", name, e.getMessage(), config.retryBackoff());
            rewind(c, records);
            pause(config.retryBackoff());
            return;
        }
        if (subscription instanceof Subscription.EveryPartition) {
            for (TopicPartition partition : records.partitions()) {
                List<ConsumerRecord<byte[], byte[]>> handled = records.records(partition);
                positions.put(partition, handled.get(handled.size() - 1).offset() + 1);
            }
        } else if (!commit(c, records)) {
            rewind(c, records);
            pause(config.retryBackoff());
        }
    }

    /** True when the batch's offsets are committed or no longer ours to commit. */
    private boolean commit(KafkaConsumer<byte[], byte[]> c, ConsumerRecords<byte[], byte[]> records) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition partition : records.partitions()) {
            List<ConsumerRecord<byte[], byte[]>> handled = records.records(partition);
            offsets.put(partition, new OffsetAndMetadata(handled.get(handled.size() - 1).offset() + 1));
        }
        try {
            c.commitSync(offsets);
            return true;
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
            c.commitSync(offsets); // stopping: the batch is handled, so it is committed before the consumer closes
            return true;
        } catch (CommitFailedException e) {
            LOG.infof("Kafka consumer %s lost partitions in a rebalance before committing; their new owner handles the batch again", name);
            return true;
        } catch (RetriableException | RebalanceInProgressException e) {
            // A rebalance under way is not a failure of this consumer: the next poll completes it (restarting the
            // consumer would leave the group and start another rebalance).
            LOG.warnf("Kafka consumer %s could not commit (%s); the batch is handled again", name, e.getMessage());
            return false;
        }
    }

    /** Back to the first record of the batch on every partition still assigned, so the next poll returns it. */
    private static void rewind(KafkaConsumer<byte[], byte[]> c, ConsumerRecords<byte[], byte[]> records) {
        Set<TopicPartition> assigned = c.assignment();
        for (TopicPartition partition : records.partitions()) {
            if (assigned.contains(partition)) {
                c.seek(partition, records.records(partition).get(0).offset());
            }
        }
    }

    /**
     * Assigns every partition of the topic, waiting (and polling nothing) while Kafka does not answer. The first
     * start begins at the first event published since the loop started (by record timestamp; the end of a partition
     * without one), so nothing published while it waited for Kafka or for the topic is missed and no older history
     * is replayed; a restart resumes where the previous consumer got to.
     */
    private boolean assignEveryPartition(KafkaConsumer<byte[], byte[]> c) {
        Set<TopicPartition> partitions = Set.of();
        while (running && partitions.isEmpty()) {
            partitions = partitionsOfTopic(config.rediscoverInterval().compareTo(Duration.ofSeconds(5)) < 0
                    ? config.rediscoverInterval() : Duration.ofSeconds(5));
            lastPollNanos = System.nanoTime(); // waiting for Kafka is not a hang
            if (partitions.isEmpty()) {
                pause(Duration.ofSeconds(1));
            }
        }
        if (!running) {
            return false;
        }
        c.assign(partitions);
        Map<TopicPartition, Long> since = new HashMap<>();
        for (TopicPartition partition : partitions) {
            Long resumeAt = positions.get(partition);
            if (resumeAt != null) {
                c.seek(partition, resumeAt);
            } else {
                since.put(partition, startedAtMillis);
            }
        }
        c.offsetsForTimes(since).forEach((partition, first) -> {
            if (first != null) {
                c.seek(partition, first.offset());
            } else {
                c.seekToEnd(List.of(partition));
            }
            positions.put(partition, c.position(partition)); // fix the start now: a restart resumes from here
        });
        assigned(partitions);
        return true;
    }

    private void rediscover(KafkaConsumer<byte[], byte[]> c) {
        Set<TopicPartition> found = partitionsOfTopic(Duration.ofSeconds(5));
        Set<TopicPartition> added = new HashSet<>(found);
        added.removeAll(assignment);
        if (found.isEmpty() || added.isEmpty()) {
            return;
        }
        Set<TopicPartition> all = new HashSet<>(assignment);
        all.addAll(added);
        c.assign(all);
        c.seekToBeginning(added); // a new partition holds only events published since it was added
        added.forEach(partition -> positions.put(partition, 0L));
        LOG.infof("Kafka consumer %s now also reads %s", name, added);
        assigned(all);
    }

    /** The topic's partitions, fresh from the brokers, or none when they do not answer in time. */
    private Set<TopicPartition> partitionsOfTopic(Duration timeout) {
        try {
            return topicPartitions(clients.sharedAdmin(), timeout);
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            LOG.debugf("Partitions of %s not known yet: %s", topic, e.getMessage());
            return Set.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Set.of();
        }
    }

    private void assigned(Set<TopicPartition> partitions) {
        assignment = Set.copyOf(partitions);
        joined = true;
        hadPartitions = true;
    }

    private Map<String, Object> settings() {
        Map<String, Object> settings = new HashMap<>();
        settings.put(ConsumerConfig.CLIENT_ID_CONFIG, clients.clientId("consumer"));
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // New partitions of the topic show up in the group's assignment within this interval.
        settings.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, Math.toIntExact(config.rediscoverInterval().toMillis()));
        if (subscription instanceof Subscription.Group group) {
            settings.put(ConsumerConfig.GROUP_ID_CONFIG, group.groupId());
            settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            settings.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
            group.instanceId().ifPresent(id -> settings.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, id));
        }
        return settings;
    }

    /**
     * Refreshes the lag this loop reports, through the admin client (never on the consumer's thread, so a slow
     * broker never stalls consumption). When the brokers do not answer, the last values stay.
     */
    void reportLag(Admin admin, Duration timeout) {
        if (!running) {
            return;
        }
        try {
            Set<TopicPartition> reported;
            Map<TopicPartition, Long> consumed = new HashMap<>();
            if (subscription instanceof Subscription.Group group) {
                reported = groupShare(admin, group, timeout);
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group.groupId())
                        .partitionsToOffsetAndMetadata().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                committed.forEach((partition, offset) -> {
                    if (offset != null) {
                        consumed.put(partition, offset.offset());
                    }
                });
                Set<TopicPartition> neverCommitted = new HashSet<>(reported);
                neverCommitted.removeAll(consumed.keySet());
                consumed.putAll(offsets(admin, neverCommitted, OffsetSpec.earliest(), timeout)); // where the group starts
            } else {
                reported = assignment;
                consumed.putAll(positions);
            }
            Map<TopicPartition, Long> ends = offsets(admin, reported, OffsetSpec.latest(), timeout);
            List<PartitionLag> lags = reported.stream().filter(p -> ends.containsKey(p) && consumed.containsKey(p))
                    .map(p -> new PartitionLag(topic, p.partition(), ends.get(p) - consumed.get(p))).toList();
            synchronized (lag) {
                if (running) { // a reading that finishes after stop() must not bring the series back
                    lag.update(lags);
                }
            }
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            LOG.debugf("Lag of consumer %s not refreshed, the brokers did not answer: %s", name, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Set<TopicPartition> groupShare(Admin admin, Subscription.Group group, Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        Set<TopicPartition> all = topicPartitions(admin, timeout);
        ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group.groupId()))
                .describedGroups().get(group.groupId()).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        List<GroupShare.Member> members = description.members().stream().map(m -> new GroupShare.Member(m.consumerId(),
                m.groupInstanceId(), m.assignment().topicPartitions().stream()
                        .filter(p -> p.topic().equals(topic)).collect(Collectors.toSet()))).toList();
        return GroupShare.reportable(all, members, description.groupState() == GroupState.STABLE, memberId, group.instanceId());
    }

    private Set<TopicPartition> topicPartitions(Admin admin, Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        return admin.describeTopics(List.of(topic)).allTopicNames().get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .get(topic).partitions().stream().map(p -> new TopicPartition(topic, p.partition()))
                .collect(Collectors.toSet());
    }

    private static Map<TopicPartition, Long> offsets(Admin admin, Collection<TopicPartition> partitions, OffsetSpec spec,
            Duration timeout) throws InterruptedException, ExecutionException, TimeoutException {
        if (partitions.isEmpty()) {
            return Map.of();
        }
        Map<TopicPartition, OffsetSpec> request = partitions.stream().collect(Collectors.toMap(p -> p, p -> spec));
        return admin.listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all()
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    private void leaveGroup(Subscription.Group group) {
        try {
            clients.sharedAdmin().removeMembersFromConsumerGroup(group.groupId(), new RemoveMembersFromConsumerGroupOptions(
                    List.of(new MemberToRemove(group.instanceId().orElseThrow())))).all().get(5, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            LOG.infof("Kafka consumer %s did not leave group %s (%s); its partitions move after the session timeout",
                    name, group.groupId(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void pause(Duration duration) {
        synchronized (pauses) {
            if (!running) {
                return;
            }
            try {
                pauses.wait(Math.max(1, duration.toMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) < 0 ? a : b;
    }

    /** Keeps the published assignment equal to the consumer's, and readiness and the up gauge in step with it. */
    private final class Rebalances implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            Set<TopicPartition> remaining = new HashSet<>(assignment);
            remaining.removeAll(partitions);
            assignment = Set.copyOf(remaining);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            Set<TopicPartition> all = new HashSet<>(assignment);
            all.addAll(partitions);
            assigned(all);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            onPartitionsRevoked(partitions);
            joined = false;
            up.set(0);
        }
    }
}
