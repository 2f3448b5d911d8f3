package io.caas.metrics.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.caas.metrics.catalog.MetricCatalog;
import io.caas.metrics.meter.CatalogMeters;
import io.caas.metrics.meter.MeterFamily;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.quarkus.scheduler.FailedExecution;
import io.quarkus.scheduler.ScheduledExecution;
import io.quarkus.scheduler.SkippedExecution;
import io.quarkus.scheduler.SuccessfulExecution;

/**
 * Instruments every quarkus-scheduler job without code in the job: runs by status, duration, and the time
 * of the last success, labelled by the job's trigger identity ({@code @Scheduled(identity = ...)}).
 */
@ApplicationScoped
public class ScheduledJobMetrics {

    static final String SUCCESS = "success";
    static final String FAILURE = "failure";
    static final String SKIPPED = "skipped";

    private final CatalogMeters meters;
    private final MeterFamily<Counter> runs;
    private final MeterFamily<Timer> durations;
    private final ConcurrentHashMap<String, AtomicLong> lastSuccessEpochMillis = new ConcurrentHashMap<>();

    public ScheduledJobMetrics(CatalogMeters meters) {
        this.meters = meters;
        this.runs = meters.counters(MetricCatalog.JOB_RUNS);
        this.durations = meters.timers(MetricCatalog.JOB_DURATION);
    }

    void onSuccess(@Observes SuccessfulExecution event) {
        String job = ran(event.getExecution(), SUCCESS);
        lastSuccessEpochMillis.computeIfAbsent(job, this::registerLastSuccess).set(System.currentTimeMillis());
    }

    void onFailure(@Observes FailedExecution event) {
        ran(event.getExecution(), FAILURE);
    }

    void onSkipped(@Observes SkippedExecution event) {
        runs.get(event.getExecution().getTrigger().getId(), SKIPPED).increment();
    }

    private String ran(ScheduledExecution execution, String status) {
        String job = execution.getTrigger().getId();
        runs.get(job, status).increment();
        // The event fires when the run ends and the fire time is when it started.
        durations.get(job).record(Duration.between(execution.getFireTime(), Instant.now()));
        return job;
    }

    private AtomicLong registerLastSuccess(String job) {
        AtomicLong epochMillis = new AtomicLong();
        meters.gauge(MetricCatalog.JOB_LAST_SUCCESS, epochMillis, millis -> millis.get() / 1000.0, job);
        return epochMillis;
    }
}
