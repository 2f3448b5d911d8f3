package io.caas.billing.access;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.caas.billing.config.BillingConfig;
import io.caas.caller.CallerTenant;
import io.caas.web.auth.AdminToken;
import io.caas.web.auth.Bearer;
import io.caas.web.error.ApiException;
import io.caas.web.input.Ids;
import io.quarkus.runtime.Startup;

/**
 * A tenant's billing data is readable by that tenant's token or by the operator's read-only token. In that order:
 * who is calling (401), whether the tenant id is an id at all (400 — the operator may name any tenant, so the path
 * is checked, not trusted), whether the caller may read it (403). Built at boot, so a weak operator token stops
 * billing at start.
 */
@Startup
@ApplicationScoped
public class TenantAccess {

    private final CallerTenant caller;
    private final Optional<AdminToken> operatorToken;

    public TenantAccess(CallerTenant caller, BillingConfig config) {
        this.caller = caller;
        this.operatorToken = config.operatorToken().map(token -> new AdminToken("caas.billing.operator-token", token));
    }

    /** Returns normally when the caller may read {@code tenantId}'s data: 401 without a valid token, 400, else 403. */
    public void require(String authorization, String tenantId) {
        Optional<String> credential = Bearer.credential(authorization);
        if (operatorToken.isPresent() && credential.isPresent() && operatorToken.get().matches(credential.get())) {
            Ids.require("tenant_id", tenantId);
            return;
        }
        String callerTenant = caller.require(authorization);
        Ids.require("tenant_id", tenantId);
        if (!callerTenant.equals(tenantId)) {
            throw new ApiException(403, "forbidden", "A tenant can only read its own billing data.");
        }
    }
}
