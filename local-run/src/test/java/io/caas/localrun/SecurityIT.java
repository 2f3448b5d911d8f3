package io.caas.localrun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Tokens against the whole platform: an auth outage locks nobody out, and revocation and expiry reach HTTP and
 * open WebSockets within seconds. Tokens live 20 s here, so expiry is something a test can wait for.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecurityIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TOKEN_LIFETIME = Duration.ofSeconds(20);

    private static LocalPlatform platform;
    private static PlatformClient client;

    @BeforeAll
    static void startPlatform() throws Exception {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("caas.auth.token.lifetime", TOKEN_LIFETIME.getSeconds() + "s");
        properties.put("caas.caller.jwks.refresh-interval", "2s");
        properties.put("caas.caller.revocations.poll-interval", "1s");
        Path runDir = Path.of("target/security-it").toAbsolutePath();
        Files.createDirectories(runDir);
        platform = LocalPlatform.start(LocalPlatform.Options.onFreePorts(runDir, Map.of(), false, Optional.empty(), List.of(), properties));
        client = new PlatformClient(platform);
    }

    @AfterAll
    static void stopPlatform() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    @Order(1)
    void tokensNameTheApiKeyThatMintedThem() throws Exception {
        PlatformClient.Tenant tenant = client.createTenant("key-bound");
        JsonNode claims = claims(client.token(tenant));
        assertThat(claims.path("key_id").asText()).isEqualTo(tenant.keyId());
        assertThat(claims.path("tenant_id").asText()).isEqualTo(tenant.id());
    }

    @Test
    @Order(2)
    void anAuthOutageLongerThanTheKeyRefreshLocksNobodyOut() throws Exception {
        PlatformClient.Tenant tenant = client.createTenant("outage");
        String token = client.token(tenant);
        LocalPlatform.Service auth = platform.service("auth");
        platform.process(auth).stop(Duration.ofSeconds(30));
        try {
            Thread.sleep(6_000); // three failed key refreshes (every 2 s) and revocation polls
            PlatformClient.Socket socket = client.connect(token);
            socket.subscribe("c");
            assertThat(client.postMessage(token, "c", "text", "while auth is down").statusCode()).as("gateway").isEqualTo(202);
            assertThat(client.get("gateway", "/v1/usage", token).statusCode()).as("gateway and billing").isEqualTo(200);
            assertThat(client.get("billing", "/v1/tenants/" + tenant.id() + "/usage", token).statusCode()).as("billing").isEqualTo(200);
            JsonNode frame = socket.frames().poll(20, TimeUnit.SECONDS);
            assertThat(frame).as("socket accepted the token and delivers").isNotNull();
            socket.close();

            String unknownKey = tokenWithUnknownKid(tenant.id());
            for (int i = 0; i < 3; i++) {
                long start = System.nanoTime();
                HttpResponse<String> refused = client.postMessage(unknownKey, "c", "text", "forged");
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                assertThat(refused.statusCode()).isEqualTo(401);
                assertThat(took).as("an unknown key id is refused without waiting for auth").isLessThan(Duration.ofMillis(100));
            }
        } finally {
            platform.process(auth).start();
            platform.awaitReady(auth);
        }
        // A local auth signs with a key it made at start: the verifiers learn the new key id within seconds.
        String afterRestart = client.token(client.createTenant("after-restart"));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            assertThat(client.get("gateway", "/v1/usage", afterRestart).statusCode()).isEqualTo(200);
            client.connect(afterRestart).close();
        });
    }

    @Test
    @Order(3)
    void revokingAKeyRefusesItsTokensOverHttpAndClosesItsSocketsWithinSeconds() throws Exception {
        PlatformClient.Tenant tenant = client.createTenant("revoked");
        String token = client.token(tenant);
        PlatformClient.Socket socket = client.connect(token);
        socket.subscribe("c");
        assertThat(client.postMessage(token, "c", "text", "before").statusCode()).isEqualTo(202);

        client.revokeKey(tenant);
        long revokedAt = System.nanoTime();
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            HttpResponse<String> refused = client.postMessage(token, "c", "text", "after");
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(JSON.readTree(refused.body()).path("error").asText()).isEqualTo("revoked_token");
        });
        assertThat(socket.closedWith().get(5, TimeUnit.SECONDS)).as("closed for the revoked key").isEqualTo(4403);
        assertThat(Duration.ofNanos(System.nanoTime() - revokedAt)).isLessThan(Duration.ofSeconds(5));
        assertThat(client.get("gateway", "/v1/usage", token).statusCode()).isEqualTo(401);
    }

    @Test
    @Order(4)
    void anExpiredTokensSocketIsClosedAtExpiryUnlessItReauthenticated() throws Exception {
        PlatformClient.Tenant tenant = client.createTenant("expiring");
        String token = client.token(tenant);
        Instant expiry = Instant.ofEpochSecond(claims(token).path("exp").asLong());
        PlatformClient.Socket expiring = client.connect(token);
        expiring.subscribe("c");
        PlatformClient.Socket renewed = client.connect(token);
        renewed.subscribe("c");

        Thread.sleep(TOKEN_LIFETIME.toMillis() / 2); // the fresh token outlives the first by half a lifetime
        String fresh = client.token(tenant);
        renewed.send("{\"op\":\"auth\",\"access_token\":\"" + fresh + "\"}");
        JsonNode ack = renewed.frames().poll(10, TimeUnit.SECONDS);
        assertThat(ack.path("op").asText()).as("re-authentication answered: %s", ack).isEqualTo("ack");
        assertThat(Instant.parse(ack.path("expires_at").asText())).isAfterOrEqualTo(expiry);

        String otherTenantsToken = client.token(client.createTenant("someone-else"));
        renewed.send("{\"op\":\"auth\",\"access_token\":\"" + otherTenantsToken + "\"}");
        assertThat(renewed.frames().poll(10, TimeUnit.SECONDS).path("error").asText()).isEqualTo("tenant_mismatch");

        assertThat(expiring.closedWith().get(TOKEN_LIFETIME.getSeconds() + 10, TimeUnit.SECONDS)).as("closed at expiry").isEqualTo(4401);
        Instant closedAt = Instant.now();
        assertThat(closedAt).isAfterOrEqualTo(expiry).isBefore(expiry.plusSeconds(3));

        String id = JSON.readTree(client.postMessage(fresh, "c", "text", "after the first token expired").body()).path("message_id").asText();
        JsonNode frame = renewed.frames().poll(20, TimeUnit.SECONDS);
        assertThat(frame.path("message").path("message_id").asText()).as("the re-authenticated socket still delivers").isEqualTo(id);
        assertThat(renewed.closedWith()).isNotDone();
        renewed.close();
    }

    private static JsonNode claims(String token) throws Exception {
        return JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
    }

    /** A well-formed RS256 token for the tenant, signed by a key auth never published (kid "unknown-key"). */
    private static String tokenWithUnknownKid(String tenant) throws Exception {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        long now = Instant.now().getEpochSecond();
        String header = base64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"unknown-key\"}".getBytes(StandardCharsets.UTF_8));
        String payload = base64.encodeToString(JSON.writeValueAsBytes(Map.of("iss", "caas-auth", "sub", tenant, "tenant_id", tenant,
                "key_id", "k", "iat", now, "exp", now + 600)));
        Signature rsa = Signature.getInstance("SHA256withRSA");
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        rsa.initSign(generator.generateKeyPair().getPrivate());
        rsa.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
        return header + "." + payload + "." + base64.encodeToString(rsa.sign());
    }
}
