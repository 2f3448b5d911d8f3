package io.caas.auth;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The tenant → key → token → JWKS flow against the packaged application. */
@QuarkusIntegrationTest
class AuthFlowIT extends TenantTokenFlowTest {
}
