package io.caas.auth;

import static io.caas.auth.AuthApi.ADMIN;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Date;

import org.junit.jupiter.api.Test;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import io.caas.localinfra.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(AuthSecretsTestResource.class)
class TenantTokenFlowTest {

    @Test
    void tenantKeyTokenAndJwksVerifyWithAStandardJoseLibrary() throws Exception {
        JsonPath tenant = AuthApi.createTenant(AuthApi.uniqueName("acme"));
        String tenantId = tenant.getString("tenant_id");
        assertThat(tenant.getString("api_key")).startsWith("ck_" + tenant.getString("key_id") + "_");

        JsonPath response = given().header("X-API-Key", tenant.getString("api_key")).post("/v1/tokens")
                .then().statusCode(200).extract().jsonPath();
        assertThat(response.getString("token_type")).isEqualTo("Bearer");
        assertThat(response.getLong("expires_in")).isEqualTo(900);

        SignedJWT jwt = SignedJWT.parse(response.getString("access_token"));
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        JWKSet jwks = JWKSet.parse(given().get("/.well-known/jwks.json").then().statusCode(200).extract().asString());
        RSAKey key = (RSAKey) jwks.getKeyByKeyId(jwt.getHeader().getKeyID());
        assertThat(key).as("the JWKS publishes the token's kid").isNotNull();
        assertThat(key.isPrivate()).isFalse();
        assertThat(jwt.verify(new RSASSAVerifier(key))).isTrue();

        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo("caas-auth");
        assertThat(claims.getSubject()).isEqualTo(tenantId);
        assertThat(claims.getStringClaim("tenant_id")).isEqualTo(tenantId);
        assertThat(claims.getJWTID()).isNotBlank();
        Date now = Date.from(Instant.now());
        assertThat(claims.getIssueTime()).isBeforeOrEqualTo(new Date(now.getTime() + 1000));
        assertThat(claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()).isEqualTo(900_000);
    }

    @Test
    void eachTokenHasItsOwnId() throws Exception {
        String apiKey = AuthApi.createTenant(AuthApi.uniqueName("ids")).getString("api_key");
        assertThat(SignedJWT.parse(AuthApi.token(apiKey)).getJWTClaimsSet().getJWTID())
                .isNotEqualTo(SignedJWT.parse(AuthApi.token(apiKey)).getJWTClaimsSet().getJWTID());
    }

    @Test
    void rotatedKeysWorkSideBySideAndARevokedKeyStopsAtOnce() {
        JsonPath tenant = AuthApi.createTenant(AuthApi.uniqueName("rotate"));
        String tenantId = tenant.getString("tenant_id");
        String oldKey = tenant.getString("api_key");
        JsonPath added = AuthApi.addKey(tenantId);
        String newKey = added.getString("api_key");
        AuthApi.token(oldKey);
        AuthApi.token(newKey);

        given().header("Authorization", ADMIN).delete("/v1/tenants/" + tenantId + "/api-keys/" + tenant.getString("key_id"))
                .then().statusCode(204);
        given().header("X-API-Key", oldKey).post("/v1/tokens").then().statusCode(401)
                .body("error", org.hamcrest.Matchers.equalTo("revoked_key"));
        AuthApi.token(newKey);
    }

    @Test
    void tenantNamesAreUniqueIgnoringCase() {
        String name = AuthApi.uniqueName("Unique");
        AuthApi.createTenant(name);
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body("{\"name\":\"" + name.toLowerCase() + "\"}").post("/v1/tenants")
                .then().statusCode(409).body("error", org.hamcrest.Matchers.equalTo("tenant_exists"));
    }

    @Test
    void keysOfOtherTenantsCannotBeRevokedThroughAnotherTenantsPath() {
        JsonPath a = AuthApi.createTenant(AuthApi.uniqueName("owner"));
        JsonPath b = AuthApi.createTenant(AuthApi.uniqueName("other"));
        given().header("Authorization", ADMIN)
                .delete("/v1/tenants/" + b.getString("tenant_id") + "/api-keys/" + a.getString("key_id"))
                .then().statusCode(404).body("error", org.hamcrest.Matchers.equalTo("unknown_api_key"));
        AuthApi.token(a.getString("api_key"));
    }
}
