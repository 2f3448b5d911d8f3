package io.caas.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;

import io.caas.localinfra.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** Two configured keys: both are published, the active one signs, so old tokens verify during a rotation. */
@QuarkusTest
@TestProfile(SigningKeyRotationTest.TwoKeys.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(AuthSecretsTestResource.class)
class SigningKeyRotationTest {

    public static class TwoKeys implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "caas.auth.signing.keys.old-2026-10", pem(),
                    "caas.auth.signing.keys.new-2026-11", pem(),
                    "caas.auth.signing.active-key-id", "new-2026-11");
        }

        private static String pem() {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                byte[] pkcs8 = generator.generateKeyPair().getPrivate().getEncoded();
                return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(pkcs8)
                        + "\n-----END PRIVATE KEY-----";
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    void publishesBothKeysAndSignsWithTheActiveOne() throws Exception {
        JWKSet jwks = JWKSet.parse(given().get("/.well-known/jwks.json").then().statusCode(200).extract().asString());
        assertThat(jwks.getKeys()).extracting(key -> key.getKeyID()).containsExactlyInAnyOrder("old-2026-10", "new-2026-11");
        assertThat(jwks.getKeys()).allSatisfy(key -> {
            assertThat(key.isPrivate()).as("private parts of %s", key.getKeyID()).isFalse();
            assertThat(key.getKeyUse()).isEqualTo(KeyUse.SIGNATURE);
            assertThat(key.getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        });

        String apiKey = AuthApi.createTenant(AuthApi.uniqueName("rotation")).getString("api_key");
        SignedJWT token = SignedJWT.parse(AuthApi.token(apiKey));
        assertThat(token.getHeader().getKeyID()).isEqualTo("new-2026-11");
        assertThat(token.verify(new RSASSAVerifier((RSAKey) jwks.getKeyByKeyId("new-2026-11")))).isTrue();
        assertThat(token.verify(new RSASSAVerifier((RSAKey) jwks.getKeyByKeyId("old-2026-10")))).isFalse();
    }
}
