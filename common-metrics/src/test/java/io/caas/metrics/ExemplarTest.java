package io.caas.metrics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

import io.caas.metrics.scrape.PrometheusText;
import io.caas.metrics.scrape.PrometheusText.Sample;
import io.caas.metrics.testing.Scrape;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ExemplarTest {

    @Test
    void tracedRequestLeavesAnExemplarWithItsTraceIdInTheOpenMetricsScrape() {
        String traceId = randomHex(16);
        given().header("traceparent", "00-" + traceId + "-" + randomHex(8) + "-01")
                .get("/v1/traced").then().statusCode(200);

        List<Sample> buckets = Scrape.openMetrics().matching("caas_request_duration_seconds_bucket",
                Map.of("method", "GET", "path", "/v1/traced"));
        assertThat(buckets).extracting(s -> s.exemplarLabels().get("trace_id")).contains(traceId);
    }

    /** The Accept header Prometheus 2.x sends by default: OpenMetrics first, the text format at q=0.5. */
    @Test
    void prometheusOwnAcceptHeaderGetsOpenMetricsWithExemplars() {
        String traceId = randomHex(16);
        // The exemplar sampler keeps a bucket's exemplar for a moment before taking a new one: retry the request.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            given().header("traceparent", "00-" + traceId + "-" + randomHex(8) + "-01").get("/v1/traced").then().statusCode(200);
            var response = given().port(Scrape.managementPort())
                    .header("Accept", "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,"
                            + "text/plain;version=0.0.4;q=0.5,*/*;q=0.1")
                    .get("/q/metrics").then().statusCode(200).extract();
            assertThat(response.contentType()).startsWith("application/openmetrics-text");
            // OpenMetrics (and Prometheus' parser) allow exemplars on buckets and counter totals only.
            assertThat(response.asString().lines().filter(line -> line.contains(" # {")))
                    .isNotEmpty().allMatch(line -> line.matches("[a-z_]+(_bucket|_total)\\{.*"));
            assertThat(PrometheusText.parse(response.asString()).matching("caas_request_duration_seconds_bucket",
                    Map.of("method", "GET", "path", "/v1/traced"))).extracting(s -> s.exemplarLabels().get("trace_id")).contains(traceId);
        });
    }

    @Test
    void aClientPreferringTheTextFormatStillGetsIt() {
        var response = given().port(Scrape.managementPort())
                .header("Accept", "text/plain;version=0.0.4,application/openmetrics-text;version=1.0.0;q=0.5")
                .get("/q/metrics").then().statusCode(200).extract();
        assertThat(response.contentType()).startsWith("text/plain");
    }

    @Test
    void prometheusTextFormatScrapeCarriesNoExemplars() {
        given().header("traceparent", "00-" + randomHex(16) + "-" + randomHex(8) + "-01").get("/v1/traced");
        String text = given().port(Scrape.managementPort()).header("Accept", "text/plain; version=0.0.4")
                .get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(text).contains("caas_request_duration_seconds_bucket").doesNotContain("trace_id").doesNotContain("# EOF");
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        random[0] |= 1; // all-zero ids are invalid
        return HexFormat.of().formatHex(random);
    }
}
