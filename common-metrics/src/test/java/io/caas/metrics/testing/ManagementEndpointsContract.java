package io.caas.metrics.testing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * What every CAAS service promises about its endpoints: health and metrics on the management port only,
 * with the service's build info in the scrape. A service test extends it and names the service.
 */
public abstract class ManagementEndpointsContract {

    /** The service's {@code quarkus.application.name}. */
    protected abstract String serviceName();

    /** Where the application under test serves /q/*; an {@code *IT} returns {@link Scrape#packagedManagementPort()}. */
    protected int managementPort() {
        return Scrape.managementPort();
    }

    @Test
    void healthIsUpOnTheManagementPort() {
        given().port(managementPort()).get("/q/health/live").then().statusCode(200);
        given().port(managementPort()).get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void metricsCarryTheServiceBuildInfo() {
        assertThat(Scrape.metrics(managementPort()).matching("caas_build_info", Map.of("service", serviceName())))
                .singleElement().satisfies(sample -> assertThat(sample.value()).isEqualTo(1));
    }

    @Test
    void publicPortServesNeitherMetricsNorHealth() {
        given().get("/q/metrics").then().statusCode(404);
        given().get("/q/health").then().statusCode(404);
    }
}
