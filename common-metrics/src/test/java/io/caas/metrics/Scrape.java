package io.caas.metrics;

import static io.restassured.RestAssured.given;

import org.eclipse.microprofile.config.ConfigProvider;

import io.caas.metrics.scrape.PrometheusText;

/** Scrapes the test application's /q/metrics on the management port, as Prometheus does. */
final class Scrape {

    private Scrape() {
    }

    static int managementPort() {
        return ConfigProvider.getConfig().getOptionalValue("quarkus.management.test-port", Integer.class).orElse(9001);
    }

    static String text() {
        return given().port(managementPort()).get("/q/metrics").then().statusCode(200).extract().asString();
    }

    static PrometheusText metrics() {
        return PrometheusText.parse(text());
    }

    static PrometheusText openMetrics() {
        return PrometheusText.parse(given().port(managementPort())
                .header("Accept", "application/openmetrics-text; version=1.0.0; charset=utf-8")
                .get("/q/metrics").then().statusCode(200).extract().asString());
    }
}
