package io.caas.gateway;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** The gateway API as a client uses it, for tests. */
final class GatewayApi {

    private GatewayApi() {
    }

    static Response post(String token, String json) {
        return given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON).body(json)
                .post("/v1/messages");
    }

    static String message(String conversation, String type, String body) {
        return "{\"conversation_id\":\"" + conversation + "\",\"type\":\"" + type + "\",\"body\":\"" + body + "\"}";
    }

    static String uniqueTenant(String prefix) {
        return prefix + "-" + Long.toHexString(System.nanoTime());
    }
}
