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
 * Reads the lag of a consumer's assigned partitions: log end offset minus the group's committed offset
 * (the consumer's position where nothing is committed yet), i.e. records not yet processed. Call it on the
 * consumer's own thread; KafkaConsumer is not thread-safe.
 */
public final class KafkaConsumerLag {

    private KafkaConsumerLag() {
    }

    /** The lag of every partition assigned to {@code consumer} now. */
    public static List<PartitionLag> read(Consumer<?, ?> consumer, Duration timeout) {
        Set<TopicPartition> assignment = consumer.assignment();
        if (assignment.isEmpty()) {
            return List.of();
        }
        Map<TopicPartition, Long> endOffsets = consumer.endOffsets(assignment, timeout);
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(assignment, timeout);
        List<PartitionLag> lags = new ArrayList<>(assignment.size());
        for (TopicPartition partition : assignment) {
            OffsetAndMetadata commit = committed.get(partition);
            long consumed = commit != null ? commit.offset() : consumer.position(partition, timeout);
            long end = endOffsets.getOrDefault(partition, consumed);
            lags.add(new PartitionLag(partition.topic(), partition.partition(), Math.max(0, end - consumed)));
        }
        return lags;
    }
}
