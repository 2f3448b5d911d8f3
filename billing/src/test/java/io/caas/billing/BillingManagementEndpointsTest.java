package io.caas.billing;

import io.caas.metrics.testing.ManagementEndpointsContract;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.common.QuarkusTestResource;
import io.caas.localinfra.KafkaTestResource;
import io.caas.localinfra.PostgresTestResource;
import io.caas.caller.testing.TestIssuer;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(TestIssuer.class)
@QuarkusTestResource(BillingSecretsTestResource.class)
class BillingManagementEndpointsTest extends ManagementEndpointsContract {

    @Override
    protected String serviceName() {
        return "billing";
    }
}
