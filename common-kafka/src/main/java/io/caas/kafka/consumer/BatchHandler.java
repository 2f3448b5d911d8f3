package io.caas.kafka.consumer;

import org.apache.kafka.clients.consumer.ConsumerRecords;

/** What a consumer loop does with each polled batch. */
@FunctionalInterface
public interface BatchHandler {

    /**
     * Handles the batch; in a group, its offsets are committed once this returns. Throws {@link RetryBatch} when a
     * dependency is down (the batch comes again after a pause); any other exception makes the loop restart its
     * consumer (counted in {@code caas_kafka_consumer_restarts_total}) and the batch comes again too, so a handler
     * must be idempotent per record. A record it cannot process is its to park, never a reason to throw.
     */
    void handle(ConsumerRecords<byte[], byte[]> records) throws RetryBatch;
}
