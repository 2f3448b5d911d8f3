package io.caas.billing;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
class UsageFlowIT extends UsageFlowTest {
}
