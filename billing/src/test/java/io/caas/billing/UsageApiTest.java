package io.caas.billing;

import static io.caas.web.testing.ErrorResponses.expectError;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.caas.caller.testing.TestIssuer;
import io.caas.kafka.testing.TestEvents;
import io.caas.localinfra.InjectInfra;
import io.caas.localinfra.KafkaBroker;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.quarkus.test.common.QuarkusTestResource;
import io.caas.localinfra.KafkaTestResource;
import io.caas.localinfra.PostgresTestResource;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(TestIssuer.class)
@QuarkusTestResource(BillingSecretsTestResource.class)
class UsageApiTest {

    TestIssuer issuer;

    @InjectInfra
    KafkaBroker kafka;

    @Test
    void reportsTotalsByTypeAndByUtcDayOfAcceptance() {
        String tenant = BillingApi.uniqueTenant("days");
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Instant yesterdayLate = today.atStartOfDay().toInstant(ZoneOffset.UTC).minusSeconds(1);
        TestEvents.produce(kafka, List.of(
                TestEvents.message(tenant, "text", Instant.now()),
                TestEvents.message(tenant, "text", Instant.now()),
                TestEvents.message(tenant, "image", yesterdayLate)));
        await().atMost(Duration.ofSeconds(30)).until(() -> BillingApi.total(issuer.token(tenant), tenant, "text") == 2);

        JsonPath usage = BillingApi.usage(issuer.token(tenant), tenant, "?from=" + today.minusDays(1) + "&to=" + today);
        assertThat(usage.getString("tenant_id")).isEqualTo(tenant);
        assertThat(usage.getLong("totals.text")).isEqualTo(2);
        assertThat(usage.getLong("totals.image")).isEqualTo(1);
        assertThat(usage.getList("days.day")).containsExactly(today.minusDays(1).toString(), today.toString());
        assertThat(usage.getLong("days[0].counts.image")).isEqualTo(1);
        assertThat(usage.getLong("days[1].counts.text")).isEqualTo(2);
    }

    @Test
    void aTenantCannotReadAnotherTenantsUsageOrInvoices() {
        expectError(given().header("Authorization", "Bearer " + issuer.token("tenant-a")).get("/v1/tenants/tenant-b/usage"),
                403, "forbidden");
        expectError(given().header("Authorization", "Bearer " + issuer.token("tenant-a")).get("/v1/tenants/tenant-b/invoices"),
                403, "forbidden");
    }

    @Test
    void theOperatorTokenMayReadAnyTenant() {
        given().header("Authorization", "Bearer " + BillingSecretsTestResource.OPERATOR_TOKEN).get("/v1/tenants/tenant-b/usage")
                .then().statusCode(200);
    }

    @Test
    void callersNeedAValidToken() {
        expectError(given().get("/v1/tenants/t/usage"), 401, "missing_token");
        expectError(given().header("Authorization", "Bearer " + issuer.forgedToken("t")).get("/v1/tenants/t/usage"),
                401, "invalid_token");
        expectError(given().header("Authorization", "Bearer " + issuer.expiredToken("t")).get("/v1/tenants/t/invoices"),
                401, "expired_token");
    }

    @Test
    void badDatesAndRangesAreRejected() {
        String token = issuer.token("t");
        for (String query : new String[] {"?from=2026-13-01", "?to=yesterday", "?from=2026-11-21&to=2026-11-01",
                "?from=2024-01-01&to=2026-01-01"}) {
            expectError(given().header("Authorization", "Bearer " + token).get("/v1/tenants/t/usage" + query),
                    400, "invalid_request");
        }
    }

    @Test
    void datesDefaultToTheCurrentMonth() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        JsonPath usage = BillingApi.usage(issuer.token("t"), "t", "");
        assertThat(usage.getString("from")).isEqualTo(today.withDayOfMonth(1).toString());
        assertThat(usage.getString("to")).isEqualTo(today.toString());
    }
}
