package io.caas.gateway;

import static io.caas.web.testing.ErrorResponses.expectError;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.caas.caller.testing.TestIssuer;
import io.caas.metrics.testing.Scrape;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.quarkus.test.common.QuarkusTestResource;
import io.caas.localinfra.KafkaTestResource;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(TestIssuer.class)
@QuarkusTestResource(StandInBilling.class)
@TestProfile(RateLimitTest.TightLimit.class)
class RateLimitTest {

    /** Burst of 3, then one message every 10 s. */
    public static class TightLimit implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("caas.gateway.rate-limit.per-second", "0.1", "caas.gateway.rate-limit.burst", "3");
        }
    }

    TestIssuer issuer;

    @Test
    void beyondTheBurstATenantGets429WithRetryAfterAndOthersAreUnaffected() {
        String noisy = GatewayApi.uniqueTenant("noisy");
        String token = issuer.token(noisy);
        for (int i = 0; i < 3; i++) {
            GatewayApi.post(token, GatewayApi.message("c", "text", "m" + i)).then().statusCode(202);
        }
        Response limited = GatewayApi.post(token, GatewayApi.message("c", "text", "one too many"));
        expectError(limited, 429, "rate_limited");
        assertThat(Integer.parseInt(limited.header("Retry-After"))).isBetween(1, 10);

        String quiet = GatewayApi.uniqueTenant("quiet");
        GatewayApi.post(issuer.token(quiet), GatewayApi.message("c", "text", "hello")).then().statusCode(202);

        var scrape = Scrape.metrics();
        assertThat(scrape.value("caas_rate_limited_requests_total", Map.of("tenant_id", noisy))).isEqualTo(1);
        assertThat(scrape.value("caas_messages_sent_total", Map.of("tenant_id", noisy, "type", "text"))).isEqualTo(3);
    }
}
