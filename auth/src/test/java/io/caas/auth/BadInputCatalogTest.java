package io.caas.auth;

import static io.caas.auth.AuthApi.ADMIN;
import static io.restassured.RestAssured.given;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.caas.localinfra.PostgresTestResource;
import io.caas.web.testing.BadRequest;
import io.caas.web.testing.RawHttp;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * Bad requests of every kind a client or attacker sends to auth, each answered with its 4xx in the JSON error
 * shape: framework limits, JSON that is not one unambiguous object, ids that are not ids, and the admin token
 * checked before anything about the body or the path is looked at.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(AuthSecretsTestResource.class)
class BadInputCatalogTest {

    private static final String TENANT = "00000000-0000-0000-0000-000000000000";
    private static final String KEYS = "/v1/tenants/" + TENANT + "/api-keys";

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void answersWithTheJsonError(BadRequest bad) {
        bad.check();
    }

    @Test
    void aSmallChunkedBodyIsReadLikeAnyOther() {
        RawHttp.Reply reply = RawHttp.request("POST", "/v1/tenants").header("Authorization", ADMIN)
                .header("Content-Type", "application/json")
                .chunked("{\"name\":\"" + AuthApi.uniqueName("chunked") + "\"}", 5).send(RestAssured.port);
        org.assertj.core.api.Assertions.assertThat(reply.status()).as("%s", reply).isEqualTo(201);
    }

    @Test
    void theAdminApiStillWorksWithACharsetInTheContentType() {
        given().header("Authorization", ADMIN).contentType("application/json; charset=UTF-8")
                .body("{\"name\":\"" + AuthApi.uniqueName("charset") + "\"}").post("/v1/tenants").then().statusCode(201);
    }

    static List<BadRequest> cases() {
        List<BadRequest> cases = new ArrayList<>(BadRequest.edge("/v1/tenants"));
        // JSON that is not one unambiguous object of the expected shape
        cases.add(admin("duplicate key", 400, "invalid_json", "{\"name\":\"dup-a\",\"name\":\"dup-b\"}"));
        cases.add(admin("duplicate key in a nested object", 400, "invalid_json", "{\"name\":\"dup-c\",\"x\":{\"a\":1,\"a\":2}}"));
        cases.add(admin("trailing content after the object", 400, "invalid_json", "{\"name\":\"trailing\"} {\"name\":\"more\"}"));
        cases.add(admin("arrays nested 2,000 deep", 400, "invalid_json", "{\"name\":" + "[".repeat(2000) + "]".repeat(2000) + "}"));
        cases.add(admin("the name as an object", 400, "invalid_json", "{\"name\":{\"first\":\"x\"}}"));
        cases.add(admin("JSON null", 400, "invalid_request", "null"));
        cases.add(BadRequest.of("Content-Type text/plain", 415, "unsupported_media_type",
                () -> RawHttp.request("POST", "/v1/tenants").header("Authorization", ADMIN)
                        .header("Content-Type", "text/plain").body("{\"name\":\"plain\"}")));
        cases.add(BadRequest.of("a form instead of JSON", 415, "unsupported_media_type",
                () -> RawHttp.request("POST", "/v1/tenants").header("Authorization", ADMIN)
                        .header("Content-Type", "application/x-www-form-urlencoded").body("name=form")));
        // authentication comes before anything about the body or the path
        cases.add(BadRequest.of("malformed JSON without a token", 401, "missing_admin_token",
                () -> RawHttp.request("POST", "/v1/tenants").json("{\"name\": ")));
        cases.add(BadRequest.of("duplicate keys without a token", 401, "missing_admin_token",
                () -> RawHttp.request("POST", "/v1/tenants").json("{\"name\":\"a-tenant\",\"name\":\"b-tenant\"}")));
        cases.add(BadRequest.of("an empty JSON body without a token", 401, "missing_admin_token",
                () -> RawHttp.request("POST", "/v1/tenants").json("")));
        cases.add(BadRequest.of("an invalid name with a wrong token", 401, "bad_admin_token",
                () -> RawHttp.request("POST", "/v1/tenants").bearer("not-the-admin-token-at-all-0000000000")
                        .json("{\"name\":\"<script>\"}")));
        cases.add(BadRequest.of("a NUL tenant id without a token", 401, "missing_admin_token",
                () -> RawHttp.request("POST", "/v1/tenants/%00/api-keys")));
        // ids that are not ids: 400 before any database sees them
        cases.add(withAdmin("a NUL tenant id", 400, "invalid_request", "POST", "/v1/tenants/%00/api-keys"));
        cases.add(withAdmin("a control character in a tenant id", 400, "invalid_request", "POST", "/v1/tenants/a%01b/api-keys"));
        cases.add(withAdmin("a unicode tenant id", 400, "invalid_request", "POST", "/v1/tenants/%C3%A9t%C3%A9/api-keys"));
        cases.add(withAdmin("a tenant id with a space", 400, "invalid_request", "POST", "/v1/tenants/a%20b/api-keys"));
        cases.add(withAdmin("a NUL key id", 400, "invalid_request", "DELETE", KEYS + "/%00"));
        cases.add(withAdmin("a newline in a key id", 400, "invalid_request", "DELETE", KEYS + "/a%0Ab"));
        cases.add(withAdmin("path traversal as a key id", 400, "invalid_request", "DELETE", KEYS + "/..%2F..%2Fx"));
        cases.add(withAdmin("a key id of 129 characters", 400, "invalid_request", "DELETE", KEYS + "/" + "k".repeat(129)));
        cases.add(withAdmin("a NUL in both ids", 400, "invalid_request", "DELETE", "/v1/tenants/%00/api-keys/%00"));
        // methods and tokens
        cases.add(BadRequest.of("GET /v1/tokens", 405, "method_not_allowed", () -> RawHttp.request("GET", "/v1/tokens")));
        cases.add(withAdmin("PUT /v1/tenants", 405, "method_not_allowed", "PUT", "/v1/tenants"));
        cases.add(BadRequest.of("an API key in a 20 KiB header", 431, "headers_too_large",
                () -> RawHttp.request("POST", "/v1/tokens").header("X-API-Key", "ck_" + "z".repeat(20_000))));
        cases.add(BadRequest.of("a token request with a body without Content-Type", 415, "unsupported_media_type",
                () -> RawHttp.request("POST", "/v1/tokens").header("X-API-Key", "ck_x").body("key=ck_x")));
        return cases;
    }

    private static BadRequest admin(String name, int status, String error, String json) {
        return BadRequest.of(name, status, error,
                () -> RawHttp.request("POST", "/v1/tenants").header("Authorization", ADMIN).json(json));
    }

    private static BadRequest withAdmin(String name, int status, String error, String method, String target) {
        return BadRequest.of(name, status, error, () -> RawHttp.request(method, target).header("Authorization", ADMIN));
    }
}
