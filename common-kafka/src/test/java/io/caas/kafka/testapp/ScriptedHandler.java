package io.caas.kafka.testapp;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;

import io.caas.kafka.consumer.BatchHandler;
import io.caas.kafka.consumer.RetryBatch;

/** A test-only handler that records what it handled and can be told to fail or hang on its next batches. */
public final class ScriptedHandler implements BatchHandler {

    private final ConcurrentLinkedQueue<String> handled = new ConcurrentLinkedQueue<>();
    private final AtomicInteger unexpectedFailures = new AtomicInteger();
    private final AtomicInteger retries = new AtomicInteger();
    private volatile CountDownLatch hang;

    @Override
    public void handle(ConsumerRecords<byte[], byte[]> records) throws RetryBatch {
        if (unexpectedFailures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new IllegalStateException("test-only: an unexpected failure");
        }
        if (retries.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new RetryBatch("test-only: a dependency is down", null);
        }
        CountDownLatch blocked = hang;
        if (blocked != null) {
            try {
                blocked.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (ConsumerRecord<byte[], byte[]> record : records) {
            handled.add(new String(record.value()));
        }
    }

    public List<String> handled() {
        return List.copyOf(handled);
    }

    public void failUnexpectedly(int times) {
        unexpectedFailures.set(times);
    }

    public void askForRetry(int times) {
        retries.set(times);
    }

    public void hang() {
        hang = new CountDownLatch(1);
    }

    public void release() {
        CountDownLatch blocked = hang;
        hang = null;
        if (blocked != null) {
            blocked.countDown();
        }
    }
}
