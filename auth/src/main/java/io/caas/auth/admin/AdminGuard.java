package io.caas.auth.admin;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.caas.auth.config.AuthConfig;
import io.caas.auth.metrics.AuthMetrics;
import io.caas.auth.metrics.AuthMetrics.FailureReason;
import io.caas.web.auth.AdminToken;
import io.caas.web.auth.Bearer;
import io.caas.web.error.ApiException;
import io.quarkus.runtime.Startup;

/**
 * Admits only requests bearing the administrator token, compared in constant time. Built at boot, so a missing or
 * weak token stops auth at start with a message naming the setting, not at the first admin request.
 */
@Startup
@ApplicationScoped
public class AdminGuard {

    private final AdminToken adminToken;
    private final AuthMetrics metrics;

    public AdminGuard(AuthConfig config, AuthMetrics metrics) {
        this.adminToken = new AdminToken("caas.auth.admin-token", config.adminToken());
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
