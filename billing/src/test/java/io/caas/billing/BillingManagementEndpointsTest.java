package io.caas.billing;

import io.caas.metrics.testing.ManagementEndpointsContract;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class BillingManagementEndpointsTest extends ManagementEndpointsContract {

    @Override
    protected String serviceName() {
        return "billing";
    }
}
