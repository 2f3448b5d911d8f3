package io.caas.metrics.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads the lag of a consumer's assigned partitions. Call it on the consumer's own thread; KafkaConsumer is not
 * thread-safe.
 */
public final class KafkaConsumerLag {

    private KafkaConsumerLag() {
    }

    /**
     * For a consumer group member: log end offset minus the group's committed offset (the position where nothing
     * is committed yet), i.e. records not yet processed to the point of commit.
     */
    public static List<PartitionLag> read(Consumer<?, ?> consumer, Duration timeout) {
        Set<TopicPartition> assignment = consumer.assignment();
        if (assignment.isEmpty()) {
            return List.of();
        }
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(assignment, timeout);
        return lags(consumer, assignment, timeout, partition -> {
            OffsetAndMetadata commit = committed.get(partition);
            return commit != null ? commit.offset() : consumer.position(partition, timeout);
        });
    }

    /**
     * For a consumer without a group (manually assigned partitions, nothing committed): log end offset minus
     * the consumer's position, i.e. records not yet read.
     */
    public static List<PartitionLag> readByPosition(Consumer<?, ?> consumer, Duration timeout) {
        Set<TopicPartition> assignment = consumer.assignment();
        return assignment.isEmpty() ? List.of()
                : lags(consumer, assignment, timeout, partition -> consumer.position(partition, timeout));
    }

    private static List<PartitionLag> lags(Consumer<?, ?> consumer, Set<TopicPartition> assignment, Duration timeout,
            java.util.function.ToLongFunction<TopicPartition> consumedUpTo) {
        Map<TopicPartition, Long> endOffsets = consumer.endOffsets(assignment, timeout);
        List<PartitionLag> lags = new ArrayList<>(assignment.size());
        for (TopicPartition partition : assignment) {
            long consumed = consumedUpTo.applyAsLong(partition);
            long end = endOffsets.getOrDefault(partition, consumed);
            lags.add(new PartitionLag(partition.topic(), partition.partition(), Math.max(0, end - consumed)));
        }
        return lags;
    }
}
