package io.caas.billing.usage;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.caas.billing.config.BillingConfig;
import io.caas.caller.CallerTenant;
import io.caas.web.error.ApiException;

/** A tenant's billing data is readable by that tenant's token or by the platform admin token. */
@ApplicationScoped
public class TenantAccess {

    private final CallerTenant caller;
    private final Optional<byte[]> adminDigest;

    public TenantAccess(CallerTenant caller, BillingConfig config) {
        this.caller = caller;
        this.adminDigest = config.adminToken().map(token -> sha256("Bearer " + token));
    }

    /** Returns normally when the caller may read {@code tenantId}'s data: 401 without a valid token, else 403. */
    public void require(String authorization, String tenantId) {
        if (authorization != null && adminDigest.isPresent()
                && MessageDigest.isEqual(adminDigest.get(), sha256(authorization.trim()))) {
            return;
        }
        if (!caller.require(authorization).equals(tenantId)) {
            throw new ApiException(403, "forbidden", "A tenant can only read its own billing data.");
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
