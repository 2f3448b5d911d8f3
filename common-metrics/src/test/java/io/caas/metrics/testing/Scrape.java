package io.caas.metrics.testing;

import static io.restassured.RestAssured.given;

import org.eclipse.microprofile.config.ConfigProvider;

/** Scrapes the application under test's /q/metrics on the management port, as Prometheus does. */
public final class Scrape {

    private Scrape() {
    }

    /** The management port of the application a {@code @QuarkusTest} starts. */
    public static int managementPort() {
        return ConfigProvider.getConfig().getOptionalValue("quarkus.management.test-port", Integer.class).orElse(9001);
    }

    /** The management port of the packaged application a {@code @QuarkusIntegrationTest} runs (in prod mode). */
    public static int packagedManagementPort() {
        return ConfigProvider.getConfig().getValue("quarkus.management.port", Integer.class);
    }

    public static String text() {
        return text(managementPort());
    }

    public static String text(int port) {
        return given().port(port).get("/q/metrics").then().statusCode(200).extract().asString();
    }

    public static PrometheusText metrics() {
        return metrics(managementPort());
    }

    public static PrometheusText metrics(int port) {
        return PrometheusText.parse(text(port));
    }

    public static PrometheusText openMetrics() {
        return PrometheusText.parse(given().port(managementPort())
                .header("Accept", "application/openmetrics-text; version=1.0.0; charset=utf-8")
                .get("/q/metrics").then().statusCode(200).extract().asString());
    }
}
