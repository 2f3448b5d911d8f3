package io.caas.caller.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Stands in for auth's token side in other services' tests: an RSA key, a JWKS served over HTTP as auth serves
 * it, and tokens shaped like auth's (auth's own tests prove auth issues exactly these).
 */
public class TestIssuer implements QuarkusTestResourceLifecycleManager {

    public static final String ISSUER = "caas-auth";

    private static volatile TestIssuer running;

    private RSAKey key;
    private HttpServer server;

    /**
     * The issuer of the application under test, for requests built before it started (a parameterized test's
     * cases): one Quarkus application runs at a time, with one issuer.
     */
    public static TestIssuer running() {
        TestIssuer issuer = running;
        if (issuer == null) {
            throw new IllegalStateException("no application with a TestIssuer has started");
        }
        return issuer;
    }

    @Override
    public Map<String, String> start() {
        try {
            key = new RSAKeyGenerator(2048).keyID("test-key").generate();
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (JOSEException | IOException e) {
            throw new IllegalStateException(e);
        }
        byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        server.createContext("/.well-known/jwks.json", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            exchange.getResponseBody().write(jwks);
            exchange.close();
        });
        byte[] noRevocations = "{\"revoked\":[]}".getBytes(StandardCharsets.UTF_8);
        server.createContext("/.well-known/revocations.json", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, noRevocations.length);
            exchange.getResponseBody().write(noRevocations);
            exchange.close();
        });
        server.start();
        running = this;
        return Map.of("caas.caller.auth-url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(this, new TestInjector.MatchesType(TestIssuer.class));
    }

    @Override
    public void stop() {
        running = null;
        if (server != null) {
            server.stop(0);
        }
    }

    /** A valid 15-minute token for {@code tenant}. */
    public String token(String tenant) {
        return sign(key, claims(tenant, ISSUER, Instant.now().plusSeconds(900)));
    }

    public String expiredToken(String tenant) {
        return sign(key, claims(tenant, ISSUER, Instant.now().minusSeconds(600)));
    }

    public String wrongIssuerToken(String tenant) {
        return sign(key, claims(tenant, "someone-else", Instant.now().plusSeconds(900)));
    }

    /** Signed by another key that claims this key's kid. */
    public String forgedToken(String tenant) {
        try {
            return sign(new RSAKeyGenerator(2048).keyID("test-key").generate(), claims(tenant, ISSUER, Instant.now().plusSeconds(900)));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code alg: none}: no signature at all. */
    public String unsignedToken(String tenant) {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        String header = base64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\",\"kid\":\"test-key\"}".getBytes(StandardCharsets.UTF_8));
        String payload = base64.encodeToString(claims(tenant, ISSUER, Instant.now().plusSeconds(900)).toString()
                .getBytes(StandardCharsets.UTF_8));
        return header + "." + payload + ".";
    }

    private static JWTClaimsSet claims(String tenant, String issuer, Instant expiry) {
        Instant issued = expiry.minusSeconds(900);
        return new JWTClaimsSet.Builder().issuer(issuer).subject(tenant).claim("tenant_id", tenant).claim("key_id", "test-api-key")
                .jwtID(UUID.randomUUID().toString()).issueTime(Date.from(issued)).expirationTime(Date.from(expiry)).build();
    }

    private static String sign(RSAKey signingKey, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signingKey.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(signingKey));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

}
