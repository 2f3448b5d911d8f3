package io.caas.metrics.testapp;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.scheduler.Scheduled;

/** Scheduled jobs that succeed, fail on demand, or overlap themselves (and are skipped). */
@ApplicationScoped
public class SampleJobs {

    private volatile boolean failing;

    public void setFailing(boolean failing) {
        this.failing = failing;
    }

    @Scheduled(identity = "sample-job", every = "0.2s")
    void sampleJob() {
        if (failing) {
            throw new IllegalStateException("sample-job failed on purpose");
        }
    }

    @Scheduled(identity = "overlapping-job", every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void overlappingJob() throws InterruptedException {
        Thread.sleep(1500); // longer than the scheduler's 1 s trigger check, so the next run finds it busy
    }
}
