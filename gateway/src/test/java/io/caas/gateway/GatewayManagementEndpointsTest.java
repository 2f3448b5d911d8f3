package io.caas.gateway;

import io.caas.metrics.testing.ManagementEndpointsContract;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.common.QuarkusTestResource;
import io.caas.localinfra.KafkaTestResource;
import io.caas.caller.testing.TestIssuer;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(TestIssuer.class)
@QuarkusTestResource(StandInBilling.class)
class GatewayManagementEndpointsTest extends ManagementEndpointsContract {

    @Override
    protected String serviceName() {
        return "gateway";
    }
}
