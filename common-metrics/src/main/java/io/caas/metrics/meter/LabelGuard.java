package io.caas.metrics.meter;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

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
    private final Function<String, Boolean> reserveSlot = this::reserveSlot; // one instance, not one per new value
    private volatile boolean full;

    LabelGuard(int cap, Counter overflow) {
        if (cap < 1) {
            throw new IllegalArgumentException("label cap must be at least 1, was " + cap);
        }
        this.cap = cap;
        this.overflow = overflow;
    }

    /** The value to record: {@code value} itself if admitted (now or before), else the overflow value. */
    public String admit(String value) {
        if (admitted.containsKey(value) || !full && admitted.computeIfAbsent(value, reserveSlot) != null) {
            return value;
        }
        overflow.increment();
        return MetricCatalog.OVERFLOW_VALUE;
    }

    /**
     * Runs under the map's lock for {@code value}, so threads offering the same value at once wait for one answer
     * and reserve one slot between them; a refusal gives its reservation back, so no slot is lost to a race.
     */
    private Boolean reserveSlot(String value) {
        if (reserved.incrementAndGet() <= cap) {
            return Boolean.TRUE;
        }
        reserved.decrementAndGet();
        full = true; // slots are never given back: from now on a new value overflows without the map's lock
        return null;
    }
}
