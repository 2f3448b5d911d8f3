package io.caas.metrics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.caas.metrics.testing.Scrape;
import io.quarkus.test.junit.QuarkusTest;

/** Prometheus' own linter accepts the whole scrape, caas_* and built-in meters alike (.ci/run installs promtool). */
@QuarkusTest
class PromtoolCheckMetricsTest {

    @Test
    void promtoolFindsNoProblemInTheScrape() throws IOException, InterruptedException {
        assumeTrue(onPath("promtool"), "promtool is not installed (apt-get install prometheus); .ci/run installs it");
        given().get("/v1/items/1");
        given().post("/v1/tenants/lint/messages?type=text");
        String text = given().port(Scrape.managementPort()).header("Accept", "text/plain; version=0.0.4")
                .get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(text).contains("caas_http_requests_total", "caas_request_duration_seconds_bucket", "jvm_memory_used_bytes");

        Process promtool = new ProcessBuilder("promtool", "check", "metrics").redirectErrorStream(true).start();
        promtool.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
        promtool.getOutputStream().close();
        String output = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(promtool.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(output).isEmpty();
        assertThat(promtool.exitValue()).isZero();
    }

    private static boolean onPath(String command) {
        return Arrays.stream(System.getenv("PATH").split(":"))
                .anyMatch(dir -> new java.io.File(dir, command).canExecute());
    }
}
