package io.caas.metrics.log;

import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.caas.metrics.catalog.MetricCatalog;
import io.caas.metrics.meter.CatalogMeters;
import io.micrometer.core.instrument.Counter;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/** Counts log records by level through a handler on the root logger (records the logger level lets through). */
@ApplicationScoped
public class LogEventMetrics {

    private final Counter error;
    private final Counter warn;
    private final Counter info;
    private final Counter debug;
    private final Counter trace;
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            counterFor(record.getLevel().intValue()).increment();
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    public LogEventMetrics(CatalogMeters meters) {
        error = meters.counter(MetricCatalog.LOG_EVENTS, "error");
        warn = meters.counter(MetricCatalog.LOG_EVENTS, "warn");
        info = meters.counter(MetricCatalog.LOG_EVENTS, "info");
        debug = meters.counter(MetricCatalog.LOG_EVENTS, "debug");
        trace = meters.counter(MetricCatalog.LOG_EVENTS, "trace");
    }

    void start(@Observes StartupEvent event) {
        Logger.getLogger("").addHandler(handler);
    }

    void stop(@Observes ShutdownEvent event) {
        Logger.getLogger("").removeHandler(handler);
    }

    // JBoss levels: FATAL 1100, ERROR 1000, WARN 900, INFO 800, DEBUG 500, TRACE 400; JUL levels fall in between.
    private Counter counterFor(int level) {
        if (level >= Level.SEVERE.intValue()) {
            return error;
        }
        if (level >= Level.WARNING.intValue()) {
            return warn;
        }
        if (level >= Level.INFO.intValue()) {
            return info;
        }
        if (level >= Level.FINE.intValue()) {
            return debug;
        }
        return trace;
    }
}
