package io.caas.gateway;

import io.caas.metrics.testing.Scrape;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The message flow against the packaged application. */
@QuarkusIntegrationTest
class MessageFlowIT extends MessageFlowTest {

    @Override
    protected int managementPort() {
        return Scrape.packagedManagementPort();
    }
}
