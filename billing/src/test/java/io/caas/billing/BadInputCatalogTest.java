package io.caas.billing;

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
import io.caas.localinfra.PostgresTestResource;

/**
 * Bad requests of every kind a client or attacker sends to billing, each answered with its 4xx in the JSON error
 * shape: framework limits, tenant ids that are not ids (the operator token may name any tenant, so the id itself
 * must be checked), dates PostgreSQL cannot hold, and the token checked before the path and the query.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(TestIssuer.class)
@QuarkusTestResource(BillingSecretsTestResource.class)
class BadInputCatalogTest {

    private static final String OPERATOR = BillingSecretsTestResource.OPERATOR_TOKEN;

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void answersWithTheJsonError(BadRequest bad) {
        bad.check();
    }

    static List<BadRequest> cases() {
        List<BadRequest> cases = new ArrayList<>(BadRequest.edge("/v1/tenants/t-1/usage"));
        // dates: only 2000-01-01 .. 2200-12-31, as plain dates
        cases.add(usage("a year before the common era", "from=-4714-01-01&to=-4714-01-31"));
        cases.add(usage("a five-digit year", "from=%2B10000-01-01&to=%2B10000-01-31"));
        cases.add(usage("the day before 2000", "from=1999-12-31&to=2000-01-01"));
        cases.add(usage("the day after 2200", "from=2200-12-31&to=2201-01-01"));
        cases.add(usage("year zero", "from=0000-01-01&to=0000-01-31"));
        cases.add(usage("February 30", "from=2026-02-30"));
        cases.add(usage("a month without its zero", "from=2026-1-01"));
        cases.add(usage("a date-time instead of a date", "from=2026-01-01T00:00:00Z"));
        cases.add(usage("from after to", "from=2026-02-01&to=2026-01-01"));
        cases.add(usage("a range of 367 days", "from=2025-01-01&to=2026-01-03"));
        cases.add(usage("a NUL as the date", "from=%00"));
        cases.add(usage("a number instead of a date", "from=20260101"));
        // tenant ids: the operator may name any tenant, so the id is checked against the shared pattern
        cases.add(operator("a NUL tenant id", "/v1/tenants/%00/usage"));
        cases.add(operator("a NUL tenant id for invoices", "/v1/tenants/%00/invoices"));
        cases.add(operator("path traversal as tenant id", "/v1/tenants/..%2Fx/usage"));
        cases.add(operator("a unicode tenant id", "/v1/tenants/%C3%A9t%C3%A9/usage"));
        cases.add(operator("a unicode tenant id for invoices", "/v1/tenants/%C3%A9t%C3%A9/invoices"));
        cases.add(operator("a tenant id of 129 characters", "/v1/tenants/" + "t".repeat(129) + "/usage"));
        cases.add(operator("a newline in a tenant id", "/v1/tenants/a%0Ab/usage"));
        cases.add(operator("a space in a tenant id", "/v1/tenants/a%20b/invoices"));
        cases.add(BadRequest.of("a tenant's own token naming a NUL tenant", 400, "invalid_request",
                () -> RawHttp.request("GET", "/v1/tenants/%00/usage").bearer(TestIssuer.running().token("t-nul"))));
        // the token comes first
        cases.add(BadRequest.of("no token", 401, "missing_token", () -> RawHttp.request("GET", "/v1/tenants/t-1/usage")));
        cases.add(BadRequest.of("no token and a NUL tenant id", 401, "missing_token",
                () -> RawHttp.request("GET", "/v1/tenants/%00/usage")));
        cases.add(BadRequest.of("no token and a date out of range", 401, "missing_token",
                () -> RawHttp.request("GET", "/v1/tenants/t-1/usage?from=-4714-01-01")));
        cases.add(BadRequest.of("a wrong operator token", 401, "invalid_token",
                () -> RawHttp.request("GET", "/v1/tenants/t-1/usage").bearer("not-the-operator-token-0000000000000")));
        cases.add(BadRequest.of("a forged token", 401, "invalid_token",
                () -> RawHttp.request("GET", "/v1/tenants/t-1/invoices").bearer(TestIssuer.running().forgedToken("t-1"))));
        cases.add(BadRequest.of("another tenant's token", 403, "forbidden",
                () -> RawHttp.request("GET", "/v1/tenants/t-1/usage").bearer(TestIssuer.running().token("t-2"))));
        // methods and bodies
        cases.add(BadRequest.of("POST usage", 405, "method_not_allowed",
                () -> RawHttp.request("POST", "/v1/tenants/t-1/usage").bearer(OPERATOR).json("{}")));
        cases.add(BadRequest.of("DELETE invoices", 405, "method_not_allowed",
                () -> RawHttp.request("DELETE", "/v1/tenants/t-1/invoices").bearer(OPERATOR)));
        cases.add(BadRequest.of("a GET with a body without Content-Type", 415, "unsupported_media_type",
                () -> RawHttp.request("GET", "/v1/tenants/t-1/usage").bearer(OPERATOR).body("{\"from\":\"x\"}")));
        return cases;
    }

    private static BadRequest usage(String name, String query) {
        return BadRequest.of("usage: " + name, 400, "invalid_request",
                () -> RawHttp.request("GET", "/v1/tenants/t-1/usage?" + query).bearer(OPERATOR));
    }

    private static BadRequest operator(String name, String target) {
        return BadRequest.of(name, 400, "invalid_request", () -> RawHttp.request("GET", target).bearer(OPERATOR));
    }
}
