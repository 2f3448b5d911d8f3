package io.caas.socket;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** Connect, subscribe, receive: against the packaged application. */
@QuarkusIntegrationTest
class DeliveryIT extends DeliveryTest {
}
