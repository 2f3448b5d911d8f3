package io.caas.gateway;

import static io.restassured.RestAssured.given;
import static io.caas.web.testing.ErrorResponses.expectError;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.caas.caller.testing.TestIssuer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.quarkus.test.common.QuarkusTestResource;
import io.caas.localinfra.KafkaTestResource;

/** GET /v1/usage against a stand-in billing (see {@link StandInBilling}); ordered, as the last one shuts it down. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(TestIssuer.class)
@QuarkusTestResource(StandInBilling.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UsageTest {

    TestIssuer issuer;
    StandInBilling billing;

    @Test
    @Order(1)
    void asksBillingForTheCallersOwnTenantWithTheCallersToken() {
        String tenant = GatewayApi.uniqueTenant("metered");
        String token = issuer.token(tenant);
        String body = given().header("Authorization", "Bearer " + token)
                .get("/v1/usage?from=2026-11-01&to=2026-11-30").then().statusCode(200).extract().asString();
        assertThat(body).contains("/v1/tenants/" + tenant + "/usage");
        assertThat(billing.lastPath.get()).isEqualTo("/v1/tenants/" + tenant + "/usage?from=2026-11-01&to=2026-11-30");
        assertThat(billing.lastAuthorization.get()).isEqualTo("Bearer " + token);
    }

    @Test
    @Order(2)
    void passesBillingsClientErrorsThrough() {
        // a range the gateway accepts and only billing refuses (see StandInBilling), so the answer must be billing's own
        Response refused = given().header("Authorization", "Bearer " + issuer.token("t"))
                .get("/v1/usage?from=2001-01-01&to=2002-06-30");
        expectError(refused, 400, "invalid_request");
        assertThat(refused.jsonPath().getString("message")).isEqualTo("the range may span at most 366 days");
    }

    @Test
    @Order(3)
    void needsAToken() {
        expectError(given().get("/v1/usage"), 401, "missing_token");
    }

    @Test
    @Order(4)
    void aSlowBillingMeans503WithinTheTimeoutNotAHang() {
        billing.mode.set(StandInBilling.Mode.SLOW);
        try {
            long start = System.nanoTime();
            expectError(given().header("Authorization", "Bearer " + issuer.token("t")).get("/v1/usage"),
                    503, "billing_unavailable");
            assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(4_000);
        } finally {
            billing.mode.set(StandInBilling.Mode.OK);
        }
    }

    @Test
    @Order(5)
    void billingFailingOneRequestMeans502AndBillingUnavailableMeans503() {
        billing.mode.set(StandInBilling.Mode.FAILING);
        try {
            expectError(given().header("Authorization", "Bearer " + issuer.token("t")).get("/v1/usage"),
                    502, "billing_error");
            billing.mode.set(StandInBilling.Mode.UNAVAILABLE);
            expectError(given().header("Authorization", "Bearer " + issuer.token("t")).get("/v1/usage"),
                    503, "billing_unavailable");
        } finally {
            billing.mode.set(StandInBilling.Mode.OK);
        }
    }

    @Test
    @Order(6)
    void billingDownMeans503Quickly() {
        billing.shutDown();
        long start = System.nanoTime();
        expectError(given().header("Authorization", "Bearer " + issuer.token("t")).get("/v1/usage"),
                503, "billing_unavailable");
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(4_000);
    }
}
