package io.caas.auth;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The secrets a deployment takes from a Kubernetes Secret, for the application under test (in-JVM and
 * packaged alike: the packaged one runs in prod mode, which has no defaults for them).
 */
public class AuthSecretsTestResource implements QuarkusTestResourceLifecycleManager {

    static final String ADMIN_TOKEN = "test-only-admin-token-9Kx2Qm7Lr4Vz8Np3Tb6Wc1Hy";

    @Override
    public Map<String, String> start() {
        return Map.of(
                "caas.auth.admin-token", ADMIN_TOKEN,
                "caas.auth.api-key-pepper", "test-only-api-key-pepper-5Jd8Rq2Xn7Lm4Kw9Vb3Zs");
    }

    @Override
    public void stop() {
    }
}
