package io.caas.billing.usage;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.caas.billing.config.BillingConfig;
import io.caas.caller.CallerTenant;
import io.caas.web.auth.AdminToken;
import io.caas.web.auth.Bearer;
import io.caas.web.error.ApiException;

/** A tenant's billing data is readable by that tenant's token or by the platform admin token. */
@ApplicationScoped
public class TenantAccess {

    private final CallerTenant caller;
    private final Optional<AdminToken> adminToken;

    public TenantAccess(CallerTenant caller, BillingConfig config) {
        this.caller = caller;
        this.adminToken = config.adminToken().map(AdminToken::new);
    }

    /** Returns normally when the caller may read {@code tenantId}'s data: 401 without a valid token, else 403. */
    public void require(String authorization, String tenantId) {
        Optional<String> credential = Bearer.credential(authorization);
        if (adminToken.isPresent() && credential.isPresent() && adminToken.get().matches(credential.get())) {
            return;
        }
        if (!caller.require(authorization).equals(tenantId)) {
            throw new ApiException(403, "forbidden", "A tenant can only read its own billing data.");
        }
    }
}
