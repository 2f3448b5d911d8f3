package io.caas.auth.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import jakarta.enterprise.context.ApplicationScoped;

import io.caas.auth.config.AuthConfig;
import io.caas.web.error.ApiException;
import io.caas.auth.metrics.AuthMetrics;
import io.caas.auth.metrics.AuthMetrics.FailureReason;

/** Admits only requests bearing the administrator token, compared in constant time. */
@ApplicationScoped
public class AdminGuard {

    private static final String BEARER = "Bearer ";

    private final byte[] expectedDigest;
    private final AuthMetrics metrics;

    public AdminGuard(AuthConfig config, AuthMetrics metrics) {
        if (config.adminToken().length() < 16) {
            throw new IllegalStateException("caas.auth.admin-token must be at least 16 characters");
        }
        this.expectedDigest = sha256(config.adminToken());
        this.metrics = metrics;
    }

    /** Throws 401 unless {@code authorization} is {@code Bearer <admin token>}. */
    public void require(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            metrics.failed(FailureReason.MISSING_ADMIN_TOKEN);
            throw new ApiException(401, "missing_admin_token", "This operation needs Authorization: Bearer <admin token>.");
        }
        // Comparing digests makes the time independent of where, and whether by length, the tokens differ.
        if (!MessageDigest.isEqual(expectedDigest, sha256(authorization.substring(BEARER.length()).trim()))) {
            metrics.failed(FailureReason.BAD_ADMIN_TOKEN);
            throw new ApiException(401, "bad_admin_token", "The admin token is not valid.");
        }
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
