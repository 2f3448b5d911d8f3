package io.caas.auth;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The secrets a deployment takes from a Kubernetes Secret, for the application under test (in-JVM and
 * packaged alike: the packaged one runs in prod mode, which has no defaults for them).
 */
public class AuthSecretsTestResource implements QuarkusTestResourceLifecycleManager {

    static final String ADMIN_TOKEN = "test-admin-token";

    @Override
    public Map<String, String> start() {
        return Map.of(
                "caas.auth.admin-token", ADMIN_TOKEN,
                "caas.auth.api-key-pepper", "test-pepper-not-secret");
    }

    @Override
    public void stop() {
    }
}
