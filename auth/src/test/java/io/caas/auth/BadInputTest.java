package io.caas.auth;

import static io.caas.auth.AuthApi.ADMIN;
import static io.restassured.RestAssured.given;
import static io.caas.web.testing.ErrorResponses.expectError;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.caas.localinfra.PostgresTestResource;
import io.caas.metrics.testing.Scrape;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Every malformed or unauthorized request gets its 4xx in the JSON error shape, and is counted. */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(AuthSecretsTestResource.class)
class BadInputTest {

    @Test
    void createTenantWithoutAdminTokenIsRejected() {
        double before = failures("missing_admin_token");
        expectError(given().contentType(ContentType.JSON).body("{\"name\":\"nobody\"}").post("/v1/tenants"),
                401, "missing_admin_token");
        assertThat(failures("missing_admin_token") - before).isEqualTo(1);
    }

    @Test
    void createTenantWithWrongAdminTokenIsRejected() {
        double before = failures("bad_admin_token");
        expectError(given().header("Authorization", "Bearer test-admin-tokeN").contentType(ContentType.JSON)
                .body("{\"name\":\"nobody\"}").post("/v1/tenants"), 401, "bad_admin_token");
        expectError(given().header("Authorization", "Basic dGVzdA==").contentType(ContentType.JSON)
                .body("{\"name\":\"nobody\"}").post("/v1/tenants"), 401, "missing_admin_token");
        assertThat(failures("bad_admin_token") - before).isEqualTo(1);
    }

    @Test
    void keyManagementNeedsTheAdminTokenToo() {
        expectError(given().post("/v1/tenants/00000000-0000-0000-0000-000000000000/api-keys"), 401, "missing_admin_token");
        expectError(given().header("Authorization", "Bearer wrong-wrong-wrong-wrong")
                .delete("/v1/tenants/00000000-0000-0000-0000-000000000000/api-keys/0123456789abcdef"), 401, "bad_admin_token");
    }

    @Test
    void malformedJsonIsRejected() {
        expectError(admin().body("{\"name\": ").post("/v1/tenants"), 400, "invalid_json");
        expectError(admin().body("[\"name\"]").post("/v1/tenants"), 400, "invalid_json");
    }

    @Test
    void missingOrEmptyBodyIsRejected() {
        expectError(admin().post("/v1/tenants"), 400, "invalid_request");
        expectError(admin().body("{}").post("/v1/tenants"), 400, "invalid_request");
    }

    @Test
    void invalidTenantNamesAreRejected() {
        expectError(admin().body("{\"name\":\"ab\"}").post("/v1/tenants"), 400, "invalid_request");
        expectError(admin().body("{\"name\":\"" + "x".repeat(65) + "\"}").post("/v1/tenants"), 400, "invalid_request");
        expectError(admin().body("{\"name\":\"<script>alert(1)</script>\"}").post("/v1/tenants"), 400, "invalid_request");
        expectError(admin().body("{\"name\":\"   \"}").post("/v1/tenants"), 400, "invalid_request");
        expectError(admin().body("{\"name\":12345}").post("/v1/tenants"), 400, "invalid_json");
    }

    @Test
    void wrongContentTypeIsRejected() {
        expectError(given().header("Authorization", ADMIN).contentType(ContentType.TEXT).body("name=acme")
                .post("/v1/tenants"), 415, "unsupported_media_type");
    }

    @Test
    void oversizedBodyIsRejected() {
        expectError(admin().body("{\"name\":\"" + "a".repeat(20_000) + "\"}").post("/v1/tenants"), 413, "payload_too_large");
    }

    @Test
    void unknownTenantIdsAreNotFound() {
        expectError(given().header("Authorization", ADMIN).post("/v1/tenants/00000000-0000-0000-0000-000000000000/api-keys"),
                404, "unknown_tenant");
        expectError(given().header("Authorization", ADMIN).post("/v1/tenants/not-a-uuid/api-keys"), 404, "unknown_tenant");
        expectError(given().header("Authorization", ADMIN)
                .delete("/v1/tenants/00000000-0000-0000-0000-000000000000/api-keys/0123456789abcdef"), 404, "unknown_api_key");
    }

    @Test
    void tokenWithoutApiKeyIsRejected() {
        double before = failures("missing_key");
        expectError(given().post("/v1/tokens"), 401, "missing_key");
        expectError(given().header("X-API-Key", " ").post("/v1/tokens"), 401, "missing_key");
        assertThat(failures("missing_key") - before).isEqualTo(2);
    }

    @Test
    void tokenWithAnInvalidApiKeyIsRejectedTheSameWayWhateverIsWrong() {
        String real = AuthApi.createTenant(AuthApi.uniqueName("bad-keys")).getString("api_key");
        String wrongSecret = real.substring(0, real.length() - 4) + (real.endsWith("AAAA") ? "BBBB" : "AAAA");
        String unknownId = "ck_0123456789abcdef" + real.substring(real.length() - 44);
        double before = failures("invalid_key");
        for (String key : new String[] {"garbage", unknownId, wrongSecret, real + "x"}) {
            expectError(given().header("X-API-Key", key).post("/v1/tokens"), 401, "invalid_key");
        }
        assertThat(failures("invalid_key") - before).isEqualTo(4);
    }

    @Test
    void unknownPathsAndMethodsGetJsonErrors() {
        expectError(given().get("/v1/nothing-here"), 404, "not_found");
        expectError(given().get("/v1/tokens"), 405, "method_not_allowed");
    }

    private static RequestSpecification admin() {
        return given().header("Authorization", ADMIN).contentType(ContentType.JSON);
    }

    private static double failures(String reason) {
        return Scrape.metrics().value("caas_auth_failures_total", Map.of("reason", reason));
    }
}
