package io.caas.billing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** The operator token billing takes from its own Secret in production, for the application under test. */
public class BillingSecretsTestResource implements QuarkusTestResourceLifecycleManager {

    static final String OPERATOR_TOKEN = "test-only-operator-token-3Fq8Wz1Kp6Ld9Xr2Vm5Tn7Hc";

    @Override
    public Map<String, String> start() {
        return Map.of("caas.billing.operator-token", OPERATOR_TOKEN);
    }

    @Override
    public void stop() {
    }
}
