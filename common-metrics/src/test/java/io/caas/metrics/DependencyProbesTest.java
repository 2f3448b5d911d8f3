package io.caas.metrics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.caas.metrics.testing.Scrape;
import io.caas.metrics.testapp.SampleProbe;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class DependencyProbesTest {

    private static final Map<String, String> SAMPLE_DB = Map.of("dependency", "sample-db");

    @Inject
    SampleProbe probe;

    @Test
    void reportsADependencyGoingDownAndComingBack() {
        await().atMost(Duration.ofSeconds(10)).until(() -> up() == 1);
        probe.setHealthy(false);
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> up() == 0);
            // sample-db gates readiness in the test app (caas.metrics.probes.readiness); never liveness.
            given().port(Scrape.managementPort()).get("/q/health/ready").then().statusCode(503);
            given().port(Scrape.managementPort()).get("/q/health/live").then().statusCode(200);
        } finally {
            probe.setHealthy(true);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> up() == 1);
        given().port(Scrape.managementPort()).get("/q/health/ready").then().statusCode(200);
        assertThat(Scrape.metrics().value("caas_dependency_probe_duration_seconds_count", SAMPLE_DB)).isGreaterThan(2);
    }

    private static double up() {
        return Scrape.metrics().value("caas_dependency_up", SAMPLE_DB);
    }
}
