package io.caas.caller;

import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.lang.UnresolvableKeyException;

import com.github.benmanes.caffeine.cache.Ticker;

import io.caas.metrics.catalog.MetricCatalog;
import io.caas.metrics.meter.CatalogMeters;
import io.caas.web.auth.Bearer;
import io.caas.web.error.ApiException;
import io.micrometer.core.instrument.Counter;

/**
 * Who is calling: the tenant of a valid access token from auth — RS256 only, signed by a key of auth's JWKS (kept
 * through auth outages, see {@link AuthKeys}), issuer and expiry checked, and minted by an API key that has not been
 * revoked ({@link Revocations}). The tenant always comes from the token, never from the request body. A token is
 * verified once and then found by its hash until it expires ({@link VerifiedTokens}); revocation is checked on
 * every request.
 */
@ApplicationScoped
public class CallerTenant {

    private final Revocations revocations;
    private final VerifiedTokens verified;
    private final JwtConsumer consumer;
    private final Counter missingToken;
    private final Counter invalidToken;
    private final Counter expiredToken;
    private final Counter revokedToken;

    public CallerTenant(AuthKeys keys, Revocations revocations, CallerConfig config, CatalogMeters meters) {
        this.revocations = revocations;
        this.verified = new VerifiedTokens(config.verifiedTokenCacheSize(), config.clockSkew(), Ticker.systemTicker());
        this.consumer = new JwtConsumerBuilder()
                .setRequireExpirationTime()
                .setRequireIssuedAt()
                .setAllowedClockSkewInSeconds(Math.toIntExact(config.clockSkew().toSeconds()))
                .setExpectedIssuer(config.issuer())
                .setSkipDefaultAudienceValidation()
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.RSA_USING_SHA256)
                .setVerificationKeyResolver((jws, nesting) -> keys.key(jws.getKeyIdHeaderValue())
                        .orElseThrow(() -> new UnresolvableKeyException("no key " + jws.getKeyIdHeaderValue())))
                .build();
        this.missingToken = meters.counter(MetricCatalog.AUTH_FAILURES, "missing_token");
        this.invalidToken = meters.counter(MetricCatalog.AUTH_FAILURES, "invalid_token");
        this.expiredToken = meters.counter(MetricCatalog.AUTH_FAILURES, "expired_token");
        this.revokedToken = meters.counter(MetricCatalog.AUTH_FAILURES, "revoked_token");
    }

    /** The tenant id of the bearer token in {@code authorization}; 401 when there is none or it is not valid. */
    public String require(String authorization) {
        return verify(authorization).tenant();
    }

    /** The caller of the bearer token in {@code authorization}; 401 when there is none or it is not valid. */
    public Caller verify(String authorization) {
        Optional<String> credential = Bearer.credential(authorization);
        if (credential.isEmpty()) {
            missingToken.increment();
            throw new ApiException(401, "missing_token", "Send an access token from auth: Authorization: Bearer <token>.");
        }
        String token = credential.get();
        Caller caller = verified.caller(token, this::verifySignature);
        if (revocations.isRevoked(caller.keyId())) {
            revokedToken.increment();
            throw new ApiException(401, "revoked_token", "The API key that minted this access token was revoked.");
        }
        return caller;
    }

    private Caller verifySignature(String token) {
        JwtClaims claims;
        try {
            claims = consumer.processToClaims(token);
        } catch (InvalidJwtException e) {
            if (e.hasExpired()) {
                expiredToken.increment();
                throw new ApiException(401, "expired_token", "The access token has expired; get a new one from auth.");
            }
            throw invalid("The access token is not valid.");
        }
        return caller(claims);
    }

    private Caller caller(JwtClaims claims) {
        try {
            String tenant = claims.getStringClaimValue("tenant_id");
            if (tenant == null || tenant.isBlank()) {
                throw invalid("The access token names no tenant.");
            }
            return new Caller(tenant, claims.getStringClaimValue("key_id"),
                    Instant.ofEpochMilli(claims.getExpirationTime().getValueInMillis()));
        } catch (MalformedClaimException e) {
            throw invalid("The access token's claims are malformed.");
        }
    }

    private ApiException invalid(String message) {
        invalidToken.increment();
        return new ApiException(401, "invalid_token", message);
    }
}
