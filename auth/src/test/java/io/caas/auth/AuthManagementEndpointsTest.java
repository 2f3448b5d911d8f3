package io.caas.auth;

import io.caas.metrics.testing.ManagementEndpointsContract;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class AuthManagementEndpointsTest extends ManagementEndpointsContract {

    @Override
    protected String serviceName() {
        return "auth";
    }
}
