package io.caas.web.testing;

import static io.caas.web.testing.ErrorResponses.expectError;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import io.restassured.RestAssured;

/**
 * One request a client should not send and the JSON error the service must answer it with. The request is built
 * when the case runs, so it may use tokens of the application under test. Suites list them as parameters:
 * one case, one line in the report.
 */
public record BadRequest(String name, Supplier<RawHttp> request, int status, String error) {

    public static BadRequest of(String name, int status, String error, Supplier<RawHttp> request) {
        return new BadRequest(name, request, status, error);
    }

    /** Sends the request to the application under test and asserts its status and JSON error. */
    public RawHttp.Reply check() {
        RawHttp.Reply reply = request.get().send(RestAssured.port);
        expectError(reply, status, error);
        return reply;
    }

    @Override
    public String toString() {
        return name + " -> " + status + " " + error;
    }

    /**
     * What the HTTP layer itself refuses in every service, whatever the endpoint: {@code bodyPath} is a path of the
     * service (any method), {@code anyPath} one it does not serve.
     */
    public static List<BadRequest> edge(String bodyPath) {
        List<BadRequest> cases = new ArrayList<>();
        cases.add(of("request line over 8 KiB", 414, "uri_too_long",
                () -> RawHttp.request("GET", bodyPath + "?q=" + "a".repeat(10_000))));
        cases.add(of("one header of 20 KiB", 431, "headers_too_large",
                () -> RawHttp.request("GET", bodyPath).header("X-Padding", "b".repeat(20_000))));
        cases.add(of("200 headers of 100 bytes", 431, "headers_too_large", () -> {
            RawHttp request = RawHttp.request("GET", bodyPath);
            for (int i = 0; i < 200; i++) {
                request.header("X-Padding-" + i, "c".repeat(90));
            }
            return request;
        }));
        cases.add(of("chunked body of 40 KiB", 413, "payload_too_large",
                () -> RawHttp.request("POST", bodyPath).header("Content-Type", "application/json")
                        .chunked("{\"name\":\"" + "d".repeat(40_000) + "\"}", 4096)));
        cases.add(of("chunked body of 1 MiB in small chunks", 413, "payload_too_large",
                () -> RawHttp.request("POST", bodyPath).header("Content-Type", "application/json")
                        .chunked("e".repeat(1 << 20), 512)));
        cases.add(of("declared body of 40 KiB", 413, "payload_too_large",
                () -> RawHttp.request("POST", bodyPath).json("{\"name\":\"" + "f".repeat(40_000) + "\"}")));
        cases.add(of("body without Content-Type", 415, "unsupported_media_type",
                () -> RawHttp.request("POST", bodyPath).body("{\"name\":\"no-type\"}")));
        cases.add(of("chunked body without Content-Type", 415, "unsupported_media_type",
                () -> RawHttp.request("POST", bodyPath).chunked("{\"name\":\"no-type\"}", 8)));
        cases.add(of("a path nobody serves", 404, "not_found", () -> RawHttp.request("GET", "/v1/nothing-here")));
        cases.add(of("a NUL in a path nobody serves", 404, "not_found", () -> RawHttp.request("GET", "/v1/%00")));
        return cases;
    }
}
