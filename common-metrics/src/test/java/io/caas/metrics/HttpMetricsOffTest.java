package io.caas.metrics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.caas.metrics.testing.Scrape;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** {@code caas.metrics.http.enabled=false}, the baseline of the HTTP-metrics cost benchmark, records no request. */
@QuarkusTest
@TestProfile(HttpMetricsOffTest.HttpMetricsOff.class)
class HttpMetricsOffTest {

    public static class HttpMetricsOff implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("caas.metrics.http.enabled", "false");
        }
    }

    @Test
    void requestsAreServedButNotRecorded() {
        given().get("/v1/items/1").then().statusCode(200);
        Map<String, String> route = Map.of("path", "/v1/items/{id}");
        assertThat(Scrape.metrics().matching("caas_http_requests_total", route)).isEmpty();
        assertThat(Scrape.metrics().matching("caas_request_duration_seconds_count", route)).isEmpty();
    }
}
