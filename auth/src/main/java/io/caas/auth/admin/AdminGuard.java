package io.caas.auth.admin;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.caas.auth.config.AuthConfig;
import io.caas.auth.metrics.AuthMetrics;
import io.caas.auth.metrics.AuthMetrics.FailureReason;
import io.caas.web.auth.AdminToken;
import io.caas.web.auth.Bearer;
import io.caas.web.error.ApiException;

/** Admits only requests bearing the administrator token, compared in constant time. */
@ApplicationScoped
public class AdminGuard {

    private final AdminToken adminToken;
    private final AuthMetrics metrics;

    public AdminGuard(AuthConfig config, AuthMetrics metrics) {
        if (config.adminToken().length() < 16) {
            throw new IllegalStateException("caas.auth.admin-token must be at least 16 characters");
        }
        this.adminToken = new AdminToken(config.adminToken());
        this.metrics = metrics;
    }

    /** Throws 401 unless {@code authorization} is {@code Bearer <admin token>}. */
    public void require(String authorization) {
        Optional<String> credential = Bearer.credential(authorization);
        if (credential.isEmpty()) {
            metrics.failed(FailureReason.MISSING_ADMIN_TOKEN);
            throw new ApiException(401, "missing_admin_token", "This operation needs Authorization: Bearer <admin token>.");
        }
        if (!adminToken.matches(credential.get())) {
            metrics.failed(FailureReason.BAD_ADMIN_TOKEN);
            throw new ApiException(401, "bad_admin_token", "The admin token is not valid.");
        }
    }
}
