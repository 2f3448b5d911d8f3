package io.caas.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.caas.metrics.testing.Scrape;
import io.caas.metrics.testapp.SampleJobs;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ScheduledJobMetricsTest {

    @Inject
    SampleJobs jobs;

    @Test
    void countsSuccessesAndRecordsTheLastSuccessTime() {
        double startedAt = System.currentTimeMillis() / 1000.0;
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(runs("sample-job", "success")).isGreaterThanOrEqualTo(2);
            assertThat(Scrape.metrics().value("caas_job_last_success_timestamp_seconds", Map.of("job", "sample-job")))
                    .isGreaterThanOrEqualTo(startedAt - 1);
        });
        assertThat(Scrape.metrics().matching("caas_job_duration_seconds_bucket", Map.of("job", "sample-job")))
                .extracting(s -> s.label("le")).contains("0.01", "1800.0", "+Inf");
    }

    @Test
    void countsFailures() {
        double before = runs("sample-job", "failure");
        jobs.setFailing(true);
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> runs("sample-job", "failure") > before);
        } finally {
            jobs.setFailing(false);
        }
    }

    @Test
    void countsRunsSkippedBecauseThePreviousOneWasStillRunning() {
        await().atMost(Duration.ofSeconds(10)).until(() -> runs("overlapping-job", "skipped") > 0);
    }

    private static double runs(String job, String status) {
        return Scrape.metrics().value("caas_job_runs_total", Map.of("job", job, "status", status));
    }
}
