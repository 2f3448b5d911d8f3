package io.caas.auth.token;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.caas.auth.apikey.ApiKeyRepository;
import io.caas.auth.config.AuthConfig;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * GET /.well-known/revocations.json: the API keys revoked within a token's lifetime (plus clock skew), which is all
 * a verifier needs: a token of a key revoked earlier has expired anyway. Public like the JWKS: a key id is not a
 * secret, and the list says nothing of tenants. gateway, socket and billing poll it every few seconds.
 */
@Path("/.well-known/revocations.json")
@Produces(MediaType.APPLICATION_JSON)
public class RevocationsResource {

    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    @RegisterForReflection
    public record RevokedKey(String key_id, String revoked_at) {
    }

    @RegisterForReflection
    public record RecentRevocations(long window_seconds, List<RevokedKey> revoked) {
    }

    private final ApiKeyRepository keys;
    private final Duration window;

    public RevocationsResource(ApiKeyRepository keys, AuthConfig config) {
        this.keys = keys;
        this.window = config.token().lifetime().plus(CLOCK_SKEW);
    }

    @GET
    public RecentRevocations recent() throws SQLException {
        List<RevokedKey> revoked = keys.revokedSince(Instant.now().minus(window)).stream()
                .map(key -> new RevokedKey(key.keyId(), key.revokedAt().toString())).toList();
        return new RecentRevocations(window.toSeconds(), revoked);
    }
}
