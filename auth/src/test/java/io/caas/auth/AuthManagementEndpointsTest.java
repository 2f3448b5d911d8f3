package io.caas.auth;

import io.caas.metrics.testing.ManagementEndpointsContract;
import io.caas.localinfra.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(AuthSecretsTestResource.class)
class AuthManagementEndpointsTest extends ManagementEndpointsContract {

    @Override
    protected String serviceName() {
        return "auth";
    }
}
