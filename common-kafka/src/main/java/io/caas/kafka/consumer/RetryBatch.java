package io.caas.kafka.consumer;

/**
 * Thrown by a handler when a dependency it needs (a database, the dead-letter topic) is unavailable: the loop
 * rewinds to the start of the batch and hands it over again after a pause, without restarting the consumer.
 * Never for a problem with one record: that record is parked and the batch goes on.
 */
public final class RetryBatch extends Exception {

    public RetryBatch(String message, Throwable cause) {
        super(message, cause);
    }
}
