package io.caas.gateway;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.caas.caller.testing.TestIssuer;
import io.caas.web.testing.BadRequest;
import io.caas.web.testing.RawHttp;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.common.QuarkusTestResource;
import io.caas.localinfra.KafkaTestResource;

/**
 * Bad requests of every kind a client or attacker sends to the gateway, each answered with its 4xx in the JSON error
 * shape: framework limits, JSON that is not one unambiguous object, the token checked before the body, and usage
 * periods the gateway refuses itself instead of passing them on to billing.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(TestIssuer.class)
@QuarkusTestResource(StandInBilling.class)
class BadInputCatalogTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void answersWithTheJsonError(BadRequest bad) {
        bad.check();
    }

    static List<BadRequest> cases() {
        List<BadRequest> cases = new ArrayList<>(BadRequest.edge("/v1/messages"));
        // JSON that is not one unambiguous object of the expected shape
        cases.add(message("duplicate key", 400, "invalid_json",
                "{\"conversation_id\":\"c-1\",\"conversation_id\":\"c-2\",\"type\":\"text\",\"body\":\"x\"}"));
        cases.add(message("duplicate type, the second one valid", 400, "invalid_json",
                "{\"conversation_id\":\"c-1\",\"type\":\"video\",\"body\":\"x\",\"type\":\"text\"}"));
        cases.add(message("trailing content after the object", 400, "invalid_json",
                "{\"conversation_id\":\"c-1\",\"type\":\"text\",\"body\":\"x\"}{\"conversation_id\":\"c-2\"}"));
        cases.add(message("arrays nested 2,000 deep", 400, "invalid_json",
                "{\"conversation_id\":\"c-1\",\"type\":\"text\",\"body\":" + "[".repeat(2000) + "]".repeat(2000) + "}"));
        cases.add(message("a NUL in conversation_id", 400, "invalid_request",
                "{\"conversation_id\":\"c\\u0000\",\"type\":\"text\",\"body\":\"x\"}"));
        cases.add(message("a unicode conversation_id", 400, "invalid_request",
                "{\"conversation_id\":\"\u00e9t\u00e9\",\"type\":\"text\",\"body\":\"x\"}"));
        cases.add(message("a client_msg_id of 129 characters", 400, "invalid_request",
                "{\"conversation_id\":\"c\",\"type\":\"text\",\"body\":\"x\",\"client_msg_id\":\"" + "m".repeat(129) + "\"}"));
        cases.add(BadRequest.of("a JSON message without Content-Type", 415, "unsupported_media_type",
                () -> RawHttp.request("POST", "/v1/messages").bearer(token("t-notype"))
                        .body(GatewayApi.message("c", "text", "x"))));
        cases.add(BadRequest.of("Content-Type text/plain", 415, "unsupported_media_type",
                () -> RawHttp.request("POST", "/v1/messages").bearer(token("t-plain")).header("Content-Type", "text/plain")
                        .body(GatewayApi.message("c", "text", "x"))));
        // the token comes before anything about the body
        cases.add(BadRequest.of("malformed JSON without a token", 401, "missing_token",
                () -> RawHttp.request("POST", "/v1/messages").json("{\"conversation_id\": ")));
        cases.add(BadRequest.of("duplicate keys without a token", 401, "missing_token",
                () -> RawHttp.request("POST", "/v1/messages")
                        .json("{\"conversation_id\":\"c\",\"conversation_id\":\"d\",\"type\":\"text\",\"body\":\"x\"}")));
        cases.add(BadRequest.of("an invalid message with an expired token", 401, "expired_token",
                () -> RawHttp.request("POST", "/v1/messages").bearer(TestIssuer.running().expiredToken("t-old"))
                        .json("{\"type\":\"video\"}")));
        cases.add(BadRequest.of("GET /v1/messages", 405, "method_not_allowed",
                () -> RawHttp.request("GET", "/v1/messages").bearer(token("t-get"))));
        // usage periods: refused by the gateway itself, never a 5xx from billing
        cases.add(usage("a year before the common era", "from=-4714-01-01&to=-4714-01-31"));
        cases.add(usage("a five-digit year", "from=%2B10000-01-01&to=%2B10000-01-31"));
        cases.add(usage("the day before 2000", "from=1999-12-31&to=2000-01-01"));
        cases.add(usage("the day after 2200", "from=2200-12-31&to=2201-01-01"));
        cases.add(usage("year zero", "from=0000-01-01&to=0000-01-31"));
        cases.add(usage("not a date", "from=yesterday"));
        cases.add(usage("February 30", "from=2026-02-30"));
        cases.add(usage("a date-time instead of a date", "from=2026-01-01T00:00:00Z"));
        cases.add(usage("a NUL as the date", "to=%00"));
        cases.add(usage("from after to", "from=2026-02-01&to=2026-01-01"));
        cases.add(BadRequest.of("usage without a token", 401, "missing_token", () -> RawHttp.request("GET", "/v1/usage")));
        cases.add(BadRequest.of("usage with a forged token and a bad date", 401, "invalid_token",
                () -> RawHttp.request("GET", "/v1/usage?from=-1-01-01").bearer(TestIssuer.running().forgedToken("t-forged"))));
        cases.add(BadRequest.of("POST /v1/usage", 405, "method_not_allowed",
                () -> RawHttp.request("POST", "/v1/usage").bearer(token("t-post")).json("{}")));
        return cases;
    }

    private static String token(String tenant) {
        return TestIssuer.running().token(GatewayApi.uniqueTenant(tenant));
    }

    private static BadRequest message(String name, int status, String error, String json) {
        return BadRequest.of(name, status, error,
                () -> RawHttp.request("POST", "/v1/messages").bearer(token("t-json")).json(json));
    }

    private static BadRequest usage(String name, String query) {
        return BadRequest.of("usage: " + name, 400, "invalid_request",
                () -> RawHttp.request("GET", "/v1/usage?" + query).bearer(token("t-usage")));
    }
}
