package io.caas.kafka.lag;

/** How far one consumer is behind on one partition. */
public record PartitionLag(String topic, int partition, long lag) {
}
