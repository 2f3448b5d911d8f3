package io.caas.metrics.meter;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Clock;

/**
 * The meter registry's clock: exact monotonic time, wall time read from a field that a daemon thread updates
 * every {@link #TICK_MILLIS} ms. Micrometer reads wall time on every timer recording only to rotate its
 * one-minute max and histogram windows; a clock read costs ~28 ns on these VMs, twice per request, while
 * the windows need nothing finer than seconds (see BENCHMARKS.md).
 */
public final class CoarseWallClock implements Clock, AutoCloseable {

    static final long TICK_MILLIS = 10;

    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "caas-metrics-clock");
        thread.setDaemon(true);
        return thread;
    });
    private volatile long wallTimeMillis = System.currentTimeMillis();

    public CoarseWallClock() {
        ticker.scheduleAtFixedRate(() -> wallTimeMillis = System.currentTimeMillis(),
                TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    public long wallTime() {
        return wallTimeMillis;
    }

    @Override
    public long monotonicTime() {
        return System.nanoTime();
    }

    @Override
    public void close() {
        ticker.shutdownNow();
    }
}
