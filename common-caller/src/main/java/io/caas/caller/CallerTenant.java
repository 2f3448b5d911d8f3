package io.caas.caller;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.jwt.consumer.InvalidJwtException;

import io.caas.metrics.catalog.MetricCatalog;
import io.caas.metrics.meter.CatalogMeters;
import io.caas.web.auth.Bearer;
import io.caas.web.error.ApiException;
import io.micrometer.core.instrument.Counter;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * Who is calling: the tenant of a valid access token from auth (RS256, issuer and expiry checked, key from
 * auth's JWKS). The tenant always comes from the token, never from the request body.
 */
@ApplicationScoped
public class CallerTenant {

    private final JWTParser parser;
    private final Counter missingToken;
    private final Counter invalidToken;
    private final Counter expiredToken;

    public CallerTenant(JWTParser parser, CatalogMeters meters) {
        this.parser = parser;
        this.missingToken = meters.counter(MetricCatalog.AUTH_FAILURES, "missing_token");
        this.invalidToken = meters.counter(MetricCatalog.AUTH_FAILURES, "invalid_token");
        this.expiredToken = meters.counter(MetricCatalog.AUTH_FAILURES, "expired_token");
    }

    /** The tenant id of the bearer token in {@code authorization}; 401 when there is none or it is not valid. */
    public String require(String authorization) {
        Optional<String> credential = Bearer.credential(authorization);
        if (credential.isEmpty()) {
            missingToken.increment();
            throw new ApiException(401, "missing_token", "Send an access token from auth: Authorization: Bearer <token>.");
        }
        JsonWebToken token;
        try {
            token = parser.parse(credential.get());
        } catch (ParseException e) {
            if (e.getCause() instanceof InvalidJwtException invalid && invalid.hasExpired()) {
                expiredToken.increment();
                throw new ApiException(401, "expired_token", "The access token has expired; get a new one from auth.");
            }
            invalidToken.increment();
            throw new ApiException(401, "invalid_token", "The access token is not valid.");
        }
        String tenant = token.getClaim("tenant_id");
        if (tenant == null || tenant.isBlank()) {
            invalidToken.increment();
            throw new ApiException(401, "invalid_token", "The access token names no tenant.");
        }
        return tenant;
    }
}
