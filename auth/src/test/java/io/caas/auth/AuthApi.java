package io.caas.auth;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** The auth API as a client uses it, for tests. */
final class AuthApi {

    static final String ADMIN = "Bearer " + AuthSecretsTestResource.ADMIN_TOKEN;

    private AuthApi() {
    }

    /** Creates a tenant and returns the 201 body (tenant_id, name, key_id, api_key). */
    static JsonPath createTenant(String name) {
        return given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body("{\"name\":\"" + name + "\"}")
                .post("/v1/tenants").then().statusCode(201).extract().jsonPath();
    }

    static JsonPath addKey(String tenantId) {
        return given().header("Authorization", ADMIN).post("/v1/tenants/" + tenantId + "/api-keys")
                .then().statusCode(201).extract().jsonPath();
    }

    static String token(String apiKey) {
        return given().header("X-API-Key", apiKey).post("/v1/tokens")
                .then().statusCode(200).extract().jsonPath().getString("access_token");
    }

    static String uniqueName(String prefix) {
        return prefix + "-" + Long.toHexString(System.nanoTime());
    }
}
