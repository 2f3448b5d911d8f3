package io.caas.web.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.http.ContentType;
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
}
