package io.caas.metrics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

import io.caas.metrics.testing.PrometheusText;
import io.caas.metrics.testing.PrometheusText.Sample;
import io.caas.metrics.testing.Scrape;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ExemplarTest {

    private static final String OPENMETRICS = "application/openmetrics-text; version=1.0.0; charset=utf-8";
    /** The Accept header Prometheus 2.x sends by default: OpenMetrics first, the text format at q=0.5. */
    private static final String PROMETHEUS_ACCEPT = "application/openmetrics-text;version=1.0.0,"
            + "application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";

    @Test
    void tracedRequestLeavesAnExemplarWithItsTraceIdInTheOpenMetricsScrape() {
        String traceId = randomHex(16);
        // The exemplar sampler keeps a bucket's exemplar for up to 7 s before taking a new one: retry the request.
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            given().header("traceparent", "00-" + traceId + "-" + randomHex(8) + "-01").get("/v1/traced").then().statusCode(200);
            List<Sample> buckets = Scrape.openMetrics().matching("caas_request_duration_seconds_bucket",
                    Map.of("method", "GET", "path", "/v1/traced"));
            assertThat(buckets).extracting(s -> s.exemplarLabels().get("trace_id")).contains(traceId);
        });
    }

    @Test
    void prometheusOwnAcceptHeaderGetsOpenMetricsWithExemplars() {
        String traceId = randomHex(16);
        // The exemplar sampler keeps a bucket's exemplar for up to 7 s before taking a new one: retry the request.
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            given().header("traceparent", "00-" + traceId + "-" + randomHex(8) + "-01").get("/v1/traced").then().statusCode(200);
            var response = given().port(Scrape.managementPort()).header("Accept", PROMETHEUS_ACCEPT)
                    .get("/q/metrics").then().statusCode(200).extract();
            assertThat(response.contentType()).isEqualTo(OPENMETRICS);
            assertThat(PrometheusText.parse(response.asString()).matching("caas_request_duration_seconds_bucket",
                    Map.of("method", "GET", "path", "/v1/traced"))).extracting(s -> s.exemplarLabels().get("trace_id")).contains(traceId);
        });
    }

    /** What OpenMetrics-only scrapers (e.g. the OpenTelemetry Collector's Prometheus receiver) may send. */
    @Test
    void openMetricsOnlyClientGetsOpenMetrics() {
        var response = given().port(Scrape.managementPort()).header("Accept", "application/openmetrics-text; version=1.0.0")
                .get("/q/metrics").then().statusCode(200).extract();
        assertThat(response.contentType()).isEqualTo(OPENMETRICS);
        assertThat(response.asString()).contains("caas_build_info").endsWith("# EOF\n");
    }

    /** Counters and histogram counts are recorded under the same sampled span as the buckets, yet carry none. */
    @Test
    void exemplarsSitOnHistogramBucketsOnly() {
        String traceId = randomHex(16);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            String traceparent = "00-" + traceId + "-" + randomHex(8) + "-01";
            given().header("traceparent", traceparent).get("/v1/traced").then().statusCode(200);
            given().header("traceparent", traceparent).post("/v1/tenants/exemplar/messages?type=text").then().statusCode(202);
            for (String accept : List.of(PROMETHEUS_ACCEPT, "application/openmetrics-text; version=1.0.0")) {
                String body = given().port(Scrape.managementPort()).header("Accept", accept)
                        .get("/q/metrics").then().statusCode(200).extract().asString();
                PrometheusText scrape = PrometheusText.parse(body);
                assertThat(scrape.matching("caas_request_duration_seconds_bucket", Map.of("path", "/v1/traced")))
                        .extracting(s -> s.exemplarLabels().get("trace_id")).contains(traceId);
                assertThat(scrape.matching("caas_http_requests_total", Map.of("path", "/v1/traced"))).isNotEmpty();
                assertThat(scrape.matching("caas_messages_sent_total", Map.of("type", "text"))).isNotEmpty();
                assertThat(scrape.samples()).filteredOn(s -> !s.exemplarLabels().isEmpty())
                        .extracting(Sample::name).allMatch(name -> name.endsWith("_bucket"));
                assertThat(body).endsWith("# EOF\n");
            }
        });
    }

    @Test
    void aClientPreferringTheTextFormatStillGetsIt() {
        var response = given().port(Scrape.managementPort())
                .header("Accept", "text/plain;version=0.0.4,application/openmetrics-text;version=1.0.0;q=0.5")
                .get("/q/metrics").then().statusCode(200).extract();
        assertThat(response.contentType()).startsWith("text/plain; version=0.0.4");
    }

    @Test
    void prometheusTextFormatScrapeCarriesNoExemplars() {
        given().header("traceparent", "00-" + randomHex(16) + "-" + randomHex(8) + "-01").get("/v1/traced");
        String text = given().port(Scrape.managementPort()).header("Accept", "text/plain; version=0.0.4")
                .get("/q/metrics").then().statusCode(200).extract().asString();
        assertThatIsTextFormat(text);
    }

    /** curl, browsers and most HTTP clients send this: the classic text format, the one every tool reads. */
    @Test
    void anyTypeClientGetsTheTextFormat() {
        given().header("traceparent", "00-" + randomHex(16) + "-" + randomHex(8) + "-01").get("/v1/traced");
        var response = given().port(Scrape.managementPort()).header("Accept", "*/*")
                .get("/q/metrics").then().statusCode(200).extract();
        assertThat(response.contentType()).startsWith("text/plain; version=0.0.4");
        assertThatIsTextFormat(response.asString());
    }

    @Test
    void clientWithoutAcceptHeaderGetsTheTextFormat() throws IOException, InterruptedException {
        given().header("traceparent", "00-" + randomHex(16) + "-" + randomHex(8) + "-01").get("/v1/traced");
        // RestAssured always sends an Accept header; the JDK client sends none unless told to.
        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + Scrape.managementPort() + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/plain; version=0.0.4"));
        assertThatIsTextFormat(response.body());
    }

    private static void assertThatIsTextFormat(String scrape) {
        assertThat(scrape).contains("caas_request_duration_seconds_bucket").doesNotContain(" # {").doesNotContain("# EOF");
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        random[0] |= 1; // all-zero ids are invalid
        return HexFormat.of().formatHex(random);
    }
}
