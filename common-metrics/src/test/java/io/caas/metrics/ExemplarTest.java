package io.caas.metrics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

import io.caas.metrics.testing.Scrape;
import io.caas.metrics.scrape.PrometheusText.Sample;
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
