package io.caas.billing;

import static io.restassured.RestAssured.given;

import io.restassured.path.json.JsonPath;

/** Billing's API as a caller uses it, for tests. */
final class BillingApi {

    private BillingApi() {
    }

    static JsonPath usage(String bearer, String tenant, String query) {
        return given().header("Authorization", "Bearer " + bearer).get("/v1/tenants/" + tenant + "/usage" + query)
                .then().statusCode(200).extract().jsonPath();
    }

    /** The tenant's total of one type over the last year. */
    static long total(String bearer, String tenant, String type) {
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
        Long total = usage(bearer, tenant, "?from=" + today.minusDays(365) + "&to=" + today).getObject("totals." + type, Long.class);
        return total == null ? 0 : total;
    }

    static String uniqueTenant(String prefix) {
        return prefix + "-" + Long.toHexString(System.nanoTime());
    }
}
