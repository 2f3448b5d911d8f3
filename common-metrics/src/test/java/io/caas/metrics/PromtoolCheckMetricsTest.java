package io.caas.metrics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.caas.metrics.testing.Scrape;
import io.quarkus.test.junit.QuarkusTest;

/** Prometheus' own linter accepts every caas_* family as exposed (.ci/run installs promtool). */
@QuarkusTest
class PromtoolCheckMetricsTest {

    @Test
    void promtoolFindsNoProblemInTheCaasMetrics() throws IOException, InterruptedException {
        assumeTrue(onPath("promtool"), "promtool is not installed (apt-get install prometheus); .ci/run installs it");
        given().get("/v1/items/1");
        given().post("/v1/tenants/lint/messages?type=text");
        String text = given().port(Scrape.managementPort()).header("Accept", "text/plain; version=0.0.4")
                .get("/q/metrics").then().statusCode(200).extract().asString();
        String caasOnly = Arrays.stream(text.split("\n"))
                .filter(line -> line.startsWith("caas_") || line.matches("# (HELP|TYPE) caas_.*"))
                .collect(Collectors.joining("\n", "", "\n"));
        assertThat(caasOnly).contains("caas_http_requests_total", "caas_request_duration_seconds_bucket");

        Process promtool = new ProcessBuilder("promtool", "check", "metrics").redirectErrorStream(true).start();
        promtool.getOutputStream().write(caasOnly.getBytes(StandardCharsets.UTF_8));
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
