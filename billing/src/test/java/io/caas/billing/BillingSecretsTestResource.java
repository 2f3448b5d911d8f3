package io.caas.billing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** The admin token billing takes from auth's Secret in production, for the application under test. */
public class BillingSecretsTestResource implements QuarkusTestResourceLifecycleManager {

    static final String ADMIN_TOKEN = "test-admin-token";

    @Override
    public Map<String, String> start() {
        return Map.of("caas.billing.admin-token", ADMIN_TOKEN);
    }

    @Override
    public void stop() {
    }
}
