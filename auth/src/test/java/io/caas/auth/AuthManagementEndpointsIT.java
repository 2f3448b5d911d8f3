package io.caas.auth;

import io.caas.metrics.testing.Scrape;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same contract against the packaged application (the JVM jar here, the native binary with -Dnative). */
@QuarkusIntegrationTest
class AuthManagementEndpointsIT extends AuthManagementEndpointsTest {

    @Override
    protected int managementPort() {
        return Scrape.packagedManagementPort();
    }
}
