package io.caas.gateway;

import static io.caas.web.testing.ErrorResponses.expectError;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.caas.caller.testing.TestIssuer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.quarkus.test.common.QuarkusTestResource;
import io.caas.localinfra.KafkaTestResource;

/**
 * The circuit breaker in front of billing reacts to billing's health, never to what one tenant asks: requests the
 * gateway can judge are refused before billing, and billing's answers to a request (4xx, 500) are neither retried
 * nor counted. Its own application, so the breaker starts closed; ordered, as the last test opens it.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(TestIssuer.class)
@QuarkusTestResource(StandInBilling.class)
@TestProfile(BillingCircuitTest.OwnCircuit.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BillingCircuitTest {

    /** No overrides: a profile of its own gives this class a fresh application and a closed breaker. */
    public static class OwnCircuit implements QuarkusTestProfile {
    }

    TestIssuer issuer;
    StandInBilling billing;

    @Test
    @Order(1)
    void fourExtremeDateUsageRequestsOfOneTenantLeaveAnotherTenantsUsageAnswering200() {
        String noisy = issuer.token(GatewayApi.uniqueTenant("noisy"));
        int before = billing.calls.get();
        List<Response> answers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            answers.add(usage(noisy, "?from=-4714-01-01&to=-4714-01-31"));
        }
        assertThat(billing.calls.get()).as("refused by the gateway, never sent to billing").isEqualTo(before);
        usage(issuer.token(GatewayApi.uniqueTenant("quiet")), "").then().statusCode(200);
        answers.forEach(answer -> expectError(answer, 400, "invalid_request"));
    }

    @Test
    @Order(2)
    void billingFailuresCausedByOneTenantsRequestsAreNotRetriedAndOpenNothing() {
        String poison = issuer.token(GatewayApi.uniqueTenant("poison"));
        int before = billing.calls.get();
        for (int i = 0; i < 12; i++) {
            expectError(usage(poison, ""), 502, "billing_error");
        }
        assertThat(billing.calls.get() - before).as("one call to billing per request, no retries").isEqualTo(12);
        usage(issuer.token(GatewayApi.uniqueTenant("healthy")), "").then().statusCode(200);
    }

    @Test
    @Order(3)
    void billingsOwnClientErrorsPassThroughOnceEach() {
        int before = billing.calls.get();
        expectError(usage(issuer.token(GatewayApi.uniqueTenant("range")), "?from=2001-01-01&to=2002-06-30"),
                400, "invalid_request");
        assertThat(billing.calls.get() - before).isEqualTo(1);
    }

    @Test
    @Order(4)
    void anUnavailableBillingIsRetriedThenTheCircuitOpensForEveryone() {
        billing.mode.set(StandInBilling.Mode.UNAVAILABLE);
        try {
            String tenant = issuer.token(GatewayApi.uniqueTenant("outage"));
            int before = billing.calls.get();
            expectError(usage(tenant, ""), 503, "billing_unavailable");
            assertThat(billing.calls.get() - before).as("the first call and two retries").isEqualTo(3);
            for (int i = 0; i < 4; i++) {
                expectError(usage(tenant, ""), 503, "billing_unavailable");
            }
            int open = billing.calls.get();
            expectError(usage(issuer.token(GatewayApi.uniqueTenant("other")), ""), 503, "billing_unavailable");
            assertThat(billing.calls.get()).as("an open circuit does not call billing").isEqualTo(open);
        } finally {
            billing.mode.set(StandInBilling.Mode.OK);
        }
    }

    private static Response usage(String token, String query) {
        return given().header("Authorization", "Bearer " + token).get("/v1/usage" + query);
    }
}
