package io.caas.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

import io.caas.metrics.testing.Scrape;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class LogAndBuildInfoTest {

    @Test
    void countsLogEventsByLevel() {
        double warnBefore = Scrape.metrics().value("caas_log_events_total", Map.of("level", "warn"));
        double errorBefore = Scrape.metrics().value("caas_log_events_total", Map.of("level", "error"));
        Logger log = Logger.getLogger("io.caas.metrics.test");
        log.warn("a warning for the log counter");
        log.warn("another warning");
        log.error("an error for the log counter");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(Scrape.metrics().value("caas_log_events_total", Map.of("level", "warn")) - warnBefore).isGreaterThanOrEqualTo(2);
            assertThat(Scrape.metrics().value("caas_log_events_total", Map.of("level", "error")) - errorBefore).isGreaterThanOrEqualTo(1);
        });
    }

    @Test
    void publishesBuildInfo() {
        assertThat(Scrape.metrics().value("caas_build_info",
                Map.of("service", "metrics-test-app", "version", "0.1.0-SNAPSHOT"))).isEqualTo(1);
    }
}
