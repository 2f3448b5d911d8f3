package io.caas.web.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** Asserts the error shape every service promises: the status, JSON {@code {error, message}}, no stack trace. */
public final class ErrorResponses {

    private ErrorResponses() {
    }

    public static void expectError(Response response, int status, String code) {
        response.then().statusCode(status).contentType(ContentType.JSON);
        assertThat(response.jsonPath().getString("error")).isEqualTo(code);
        assertThat(response.jsonPath().getString("message")).isNotBlank();
        assertThat(response.asString()).doesNotContain("at io.").doesNotContain("Exception");
    }

    /** The same for a response read by {@link RawHttp}: status, JSON content type, {@code error} and a message. */
    public static void expectError(RawHttp.Reply reply, int status, String code) {
        assertThat(reply.status()).as("status of %s", reply).isEqualTo(status);
        assertThat(reply.header("content-type")).as("content type of %s", reply).startsWith("application/json");
        JsonPath json = JsonPath.from(reply.body());
        assertThat(json.getString("error")).as("error of %s", reply).isEqualTo(code);
        assertThat(json.getString("message")).as("message of %s", reply).isNotBlank();
        assertThat(reply.body()).doesNotContain("at io.").doesNotContain("Exception");
    }
}
