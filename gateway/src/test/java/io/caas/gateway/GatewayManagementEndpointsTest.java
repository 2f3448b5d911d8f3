package io.caas.gateway;

import io.caas.metrics.testing.ManagementEndpointsContract;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class GatewayManagementEndpointsTest extends ManagementEndpointsContract {

    @Override
    protected String serviceName() {
        return "gateway";
    }
}
