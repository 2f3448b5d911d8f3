package io.caas.socket;

import io.caas.metrics.testing.ManagementEndpointsContract;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class SocketManagementEndpointsTest extends ManagementEndpointsContract {

    @Override
    protected String serviceName() {
        return "socket";
    }
}
