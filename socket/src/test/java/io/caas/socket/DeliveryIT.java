package io.caas.socket;

import io.caas.metrics.testing.Scrape;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/** Connect, subscribe, receive: against the packaged application. */
@QuarkusIntegrationTest
class DeliveryIT extends DeliveryTest {

    @Override
    protected int managementPort() {
        return Scrape.packagedManagementPort();
    }
}
