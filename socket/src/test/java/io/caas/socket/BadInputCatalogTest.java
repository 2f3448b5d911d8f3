package io.caas.socket;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.caas.caller.testing.TestIssuer;
import io.caas.web.testing.BadRequest;
import io.caas.web.testing.RawHttp;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.common.QuarkusTestResource;
import io.caas.localinfra.KafkaTestResource;

/**
 * Bad requests to socket's only HTTP endpoint, the WebSocket upgrade: every refusal is an HTTP answer in the JSON
 * error shape (Vert.x and websockets-next write some of these themselves), never a bare status or a 5xx.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(TestIssuer.class)
class BadInputCatalogTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void answersWithTheJsonError(BadRequest bad) {
        bad.check();
    }

    static List<BadRequest> cases() {
        List<BadRequest> cases = new ArrayList<>(BadRequest.edge("/v1/ws"));
        cases.add(upgrade("upgrade without a token", 401, "missing_token", r -> r));
        cases.add(upgrade("upgrade with an empty Bearer", 401, "missing_token", r -> r.header("Authorization", "Bearer ")));
        cases.add(upgrade("upgrade with Basic credentials", 401, "missing_token", r -> r.header("Authorization", "Basic dXNlcjpwdw==")));
        cases.add(upgrade("upgrade with a token that is not a JWT", 401, "invalid_token", r -> r.bearer("not.a.jwt")));
        cases.add(upgrade("upgrade with a forged token", 401, "invalid_token", r -> r.bearer(TestIssuer.running().forgedToken("t-forged"))));
        cases.add(upgrade("upgrade with alg none", 401, "invalid_token", r -> r.bearer(TestIssuer.running().unsignedToken("t-none"))));
        cases.add(upgrade("upgrade with a token of another issuer", 401, "invalid_token", r -> r.bearer(TestIssuer.running().wrongIssuerToken("t-iss"))));
        cases.add(upgrade("upgrade with an expired token", 401, "expired_token", r -> r.bearer(TestIssuer.running().expiredToken("t-old"))));
        cases.add(upgrade("upgrade with a NUL in the token", 401, "invalid_token", r -> r.bearer("a%00b")));
        cases.add(upgradeTo("/v1/ws?access_token=not.a.jwt", "query token that is not a JWT", 401, "invalid_token", r -> r));
        cases.add(upgradeTo("/v1/ws?access_token=", "empty query token", 401, "missing_token", r -> r));
        cases.add(upgradeTo("/v1/ws?access_token=%00", "NUL as query token", 401, "invalid_token", r -> r));
        cases.add(BadRequest.of("expired query token", 401, "expired_token",
                () -> upgradeRequest("/v1/ws?access_token=" + TestIssuer.running().expiredToken("t-q"))));
        cases.add(BadRequest.of("a bad header token wins over a good query token", 401, "invalid_token",
                () -> upgradeRequest("/v1/ws?access_token=" + TestIssuer.running().token("t-both")).bearer("not.a.jwt")));
        cases.add(BadRequest.of("WebSocket version 99", 426, "upgrade_required",
                () -> RawHttp.request("GET", "/v1/ws").bearer(TestIssuer.running().token("t-v8")).header("Connection", "Upgrade")
                        .header("Upgrade", "websocket").header("Sec-WebSocket-Version", "99")
                        .header("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==")));
        cases.add(BadRequest.of("plain GET of the WebSocket endpoint", 426, "upgrade_required",
                () -> RawHttp.request("GET", "/v1/ws").bearer(TestIssuer.running().token("t-plain"))));
        cases.add(BadRequest.of("upgrade without Sec-WebSocket-Key", 400, "bad_request",
                () -> RawHttp.request("GET", "/v1/ws").bearer(TestIssuer.running().token("t-nokey")).header("Connection", "Upgrade")
                        .header("Upgrade", "websocket").header("Sec-WebSocket-Version", "13")));
        cases.add(BadRequest.of("upgrade without Connection: Upgrade", 400, "bad_request",
                () -> RawHttp.request("GET", "/v1/ws").bearer(TestIssuer.running().token("t-noconn")).header("Upgrade", "websocket")
                        .header("Sec-WebSocket-Version", "13").header("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==")));
        cases.add(BadRequest.of("POST to the WebSocket endpoint", 405, "method_not_allowed",
                () -> RawHttp.request("POST", "/v1/ws").bearer(TestIssuer.running().token("t-post"))));
        cases.add(upgrade("token in a 20 KiB header", 431, "headers_too_large", r -> r.bearer("x".repeat(20_000))));
        cases.add(upgradeTo("/v1/ws?access_token=" + "y".repeat(10_000), "token in a 10 KiB query", 414, "uri_too_long", r -> r));
        return cases;
    }

    private static BadRequest upgrade(String name, int status, String error, UnaryOperator<RawHttp> credentials) {
        return upgradeTo("/v1/ws", name, status, error, credentials);
    }

    private static BadRequest upgradeTo(String target, String name, int status, String error, UnaryOperator<RawHttp> credentials) {
        return BadRequest.of(name, status, error, () -> credentials.apply(upgradeRequest(target)));
    }

    private static RawHttp upgradeRequest(String target) {
        return RawHttp.request("GET", target).header("Connection", "Upgrade").header("Upgrade", "websocket")
                .header("Sec-WebSocket-Version", "13").header("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==");
    }
}
