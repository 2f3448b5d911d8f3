package io.caas.auth.token;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.caas.auth.apikey.ApiKeyRepository;
import io.caas.auth.apikey.ApiKeyRepository.StoredKey;
import io.caas.auth.apikey.ApiKeys;
import io.caas.auth.config.AuthConfig;
import io.caas.web.error.ApiException;
import io.caas.auth.metrics.AuthMetrics;
import io.caas.auth.metrics.AuthMetrics.FailureReason;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;

/** Exchanges an API key for a short-lived RS256 access token. */
@Path("/v1/tokens")
@Produces(MediaType.APPLICATION_JSON)
public class TokenResource {

    /** The token response, as in OAuth 2.0 (RFC 6749 §5.1). */
    @RegisterForReflection
    public record TokenResponse(String access_token, String token_type, long expires_in) {
    }

    // Compared against when a key id is unknown, so that path costs the same hash and comparison.
    private static final byte[] UNKNOWN_KEY_HASH = new byte[32];

    private final ApiKeys apiKeys;
    private final ApiKeyRepository keyRepository;
    private final SigningKeys signingKeys;
    private final AuthConfig config;
    private final AuthMetrics metrics;

    public TokenResource(ApiKeys apiKeys, ApiKeyRepository keyRepository, SigningKeys signingKeys, AuthConfig config,
            AuthMetrics metrics) {
        this.apiKeys = apiKeys;
        this.keyRepository = keyRepository;
        this.signingKeys = signingKeys;
        this.config = config;
        this.metrics = metrics;
    }

    @POST
    public TokenResponse issue(@HeaderParam("X-API-Key") String apiKey) throws SQLException {
        if (apiKey == null || apiKey.isBlank()) {
            metrics.failed(FailureReason.MISSING_KEY);
            throw new ApiException(401, "missing_key", "Send the API key in the X-API-Key header.");
        }
        Optional<ApiKeys.PresentedKey> presented = apiKeys.parse(apiKey);
        if (presented.isEmpty()) {
            metrics.failed(FailureReason.INVALID_KEY);
            throw invalidKey();
        }
        Optional<StoredKey> stored = keyRepository.find(presented.get().keyId());
        boolean secretMatches = apiKeys.matches(presented.get().secret(),
                stored.map(StoredKey::secretHash).orElse(UNKNOWN_KEY_HASH));
        if (stored.isEmpty() || !secretMatches) {
            metrics.failed(FailureReason.INVALID_KEY);
            throw invalidKey();
        }
        if (stored.get().revoked()) {
            metrics.failed(FailureReason.REVOKED_KEY);
            throw new ApiException(401, "revoked_key", "This API key was revoked.");
        }
        String tenantId = stored.get().tenantId().toString();
        TokenResponse token = sign(tenantId, stored.get().keyId());
        metrics.tokenIssued(tenantId);
        return token;
    }

    /** The token names the API key that minted it: revoking the key revokes the token (verifiers poll revocations). */
    private TokenResponse sign(String tenantId, String apiKeyId) {
        Instant now = Instant.now();
        long lifetime = config.token().lifetime().toSeconds();
        SigningKeys.SigningKey key = signingKeys.active();
        String token = Jwt.issuer(config.token().issuer())
                .subject(tenantId)
                .claim("tenant_id", tenantId)
                .claim("key_id", apiKeyId)
                .claim("jti", UUID.randomUUID().toString())
                .issuedAt(now)
                .expiresAt(now.plusSeconds(lifetime))
                .jws().keyId(key.keyId()).algorithm(SignatureAlgorithm.RS256)
                .sign(key.privateKey());
        return new TokenResponse(token, "Bearer", lifetime);
    }

    private static ApiException invalidKey() {
        return new ApiException(401, "invalid_key", "The API key is not valid.");
    }
}
