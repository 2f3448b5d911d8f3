package io.caas.metrics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.caas.metrics.testing.Scrape;
import io.caas.metrics.testing.PrometheusText;
import io.caas.metrics.testing.PrometheusText.Sample;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;

@QuarkusTest
class HttpMetricsTest {

    private static final String REQUESTS = "caas_http_requests_total";

    @Test
    void recordsTheRouteTemplateNotTheUrl() {
        double before = requests("GET", "/v1/items/{id}", "200");
        given().get("/v1/items/123").then().statusCode(200);
        given().get("/v1/items/456").then().statusCode(200);

        assertThat(requests("GET", "/v1/items/{id}", "200") - before).isEqualTo(2);
        assertThat(Scrape.text()).doesNotContain("/v1/items/123").doesNotContain("/v1/items/456");
    }

    @Test
    void recordsNestedTemplatesOfClassAndMethodPaths() {
        given().get("/v1/tenants/acme/usage").then().statusCode(200);
        assertThat(requests("GET", "/v1/tenants/{tenant_id}/usage", "200")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void durationHistogramHasExactlyTheCatalogBuckets() {
        given().get("/v1/items/1").then().statusCode(200);
        List<Sample> buckets = Scrape.metrics().matching("caas_request_duration_seconds_bucket",
                Map.of("method", "GET", "path", "/v1/items/{id}"));
        assertThat(buckets).extracting(s -> s.label("le"))
                .containsExactly("0.01", "0.05", "0.1", "0.5", "1.0", "5.0", "+Inf");
        assertThat(buckets).allSatisfy(s -> assertThat(s.labels().keySet()).containsExactlyInAnyOrder("method", "path", "le"));
        assertThat(buckets.get(buckets.size() - 1).value()).isGreaterThanOrEqualTo(1);
        PrometheusText scrape = Scrape.metrics();
        assertThat(scrape.value("caas_request_duration_seconds_count", Map.of("method", "GET", "path", "/v1/items/{id}")))
                .isEqualTo(buckets.get(buckets.size() - 1).value());
    }

    @Test
    void recordsTheResponseStatus() {
        given().get("/v1/broken").then().statusCode(503);
        assertThat(requests("GET", "/v1/broken", "503")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void unmatchedUrlsShareOneSeries() {
        double before = requests("GET", "UNMATCHED", "404");
        given().get("/random/" + System.nanoTime()).then().statusCode(404);
        given().get("/v1/items/1/extra/segments").then().statusCode(404);
        given().get("/v1/nothing-here?token=secret").then().statusCode(404);

        assertThat(requests("GET", "UNMATCHED", "404") - before).isEqualTo(3);
        assertThat(Scrape.text()).doesNotContain("/random/").doesNotContain("extra/segments").doesNotContain("secret");
    }

    @Test
    void queryStringsAndTrailingSlashesCreateNoNewSeries() {
        given().get("/v1/items/7?x=1&y=2").then().statusCode(200);
        given().get("/v1/items/8/").statusCode();
        assertThat(paths()).allSatisfy(path -> assertThat(path).doesNotContain("?").doesNotContain("/7").doesNotContain("/8"));
    }

    @Test
    void nonStandardMethodsAreFoldedIntoOther() {
        given().request("FROBNICATE", "/v1/items/1").statusCode();
        given().request("BREW", "/v1/items/1").statusCode();
        List<String> methods = Scrape.metrics().named(REQUESTS).stream().map(s -> s.label("method")).distinct().toList();
        assertThat(methods).contains("OTHER").doesNotContain("FROBNICATE", "BREW");
    }

    @Test
    void webSocketUpgradesCreateNoSeriesForTheirUrl() throws Exception {
        int port = ConfigProvider.getConfig().getOptionalValue("quarkus.http.test-port", Integer.class).orElse(8081);
        double unmatchedBefore = requests("GET", "UNMATCHED", "404");
        Vertx vertx = Vertx.vertx();
        try {
            WebSocketClient client = vertx.createWebSocketClient();
            for (String room : List.of("red", "blue")) {
                CompletableFuture<String> echoed = new CompletableFuture<>();
                client.connect(options(port, "/v1/rooms/" + room + "/ws?access_token=ws-secret-token"))
                        .onSuccess(ws -> {
                            ws.textMessageHandler(echoed::complete);
                            ws.writeTextMessage("hello " + room);
                        })
                        .onFailure(echoed::completeExceptionally);
                assertThat(echoed.get(10, TimeUnit.SECONDS)).isEqualTo("hello " + room);
            }
            CompletableFuture<Object> refused = new CompletableFuture<>();
            client.connect(options(port, "/v1/no-such-socket/green")).onComplete(ar -> refused.complete(ar.cause()));
            assertThat(refused.get(10, TimeUnit.SECONDS)).isNotNull();
            client.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        org.awaitility.Awaitility.await().atMost(10, TimeUnit.SECONDS).untilAsserted(() ->
                assertThat(requests("GET", "UNMATCHED", "404") - unmatchedBefore).isEqualTo(1));
        assertThat(Scrape.text()).doesNotContain("/v1/rooms/").doesNotContain("green").doesNotContain("ws-secret-token");
    }

    @Test
    void builtInHttpServerBinderIsOffSoRequestsAreRecordedOnce() {
        given().get("/v1/items/1").then().statusCode(200);
        assertThat(Scrape.text()).contains("caas_http_requests_total").doesNotContain("http_server_requests");
    }

    @Test
    void metricsAreNotServedOnThePublicPort() {
        given().get("/q/metrics").then().statusCode(404);
        given().port(Scrape.managementPort()).get("/q/metrics").then().statusCode(200);
    }

    private static double requests(String method, String path, String status) {
        return Scrape.metrics().value(REQUESTS, Map.of("method", method, "path", path, "status", status));
    }

    private static WebSocketConnectOptions options(int port, String uri) {
        return new WebSocketConnectOptions().setHost("localhost").setPort(port).setURI(uri);
    }

    private static List<String> paths() {
        return Scrape.metrics().named(REQUESTS).stream().map(s -> s.label("path")).distinct().toList();
    }

}
