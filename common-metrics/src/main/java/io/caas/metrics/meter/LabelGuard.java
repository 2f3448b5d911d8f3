package io.caas.metrics.meter;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.caas.metrics.catalog.MetricCatalog;
import io.micrometer.core.instrument.Counter;

/**
 * Bounds the distinct values of one unbounded label of one metric. The first {@code cap} values pass
 * through; later ones become {@link MetricCatalog#OVERFLOW_VALUE} and the overflow counter rises.
 */
public final class LabelGuard {

    private final int cap;
    private final Counter overflow;
    private final ConcurrentHashMap<String, Boolean> admitted = new ConcurrentHashMap<>();
    private final AtomicInteger reserved = new AtomicInteger();

    LabelGuard(int cap, Counter overflow) {
        if (cap < 1) {
            throw new IllegalArgumentException("label cap must be at least 1, was " + cap);
        }
        this.cap = cap;
        this.overflow = overflow;
    }

    /** The value to record: {@code value} itself if admitted (now or before), else the overflow value. */
    public String admit(String value) {
        if (admitted.containsKey(value)) {
            return value;
        }
        if (reserved.get() < cap && reserved.incrementAndGet() <= cap) {
            if (admitted.putIfAbsent(value, Boolean.TRUE) != null) {
                reserved.decrementAndGet(); // another thread admitted the same value first
            }
            return value;
        }
        overflow.increment();
        return MetricCatalog.OVERFLOW_VALUE;
    }
}
