package io.caas.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.caas.localinfra.PostgresTestResource;
import io.caas.metrics.testing.Scrape;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(AuthSecretsTestResource.class)
class AuthMetricsTest {

    @Test
    void countsTokensIssuedPerTenant() {
        var tenant = AuthApi.createTenant(AuthApi.uniqueName("counted"));
        Map<String, String> series = Map.of("tenant_id", tenant.getString("tenant_id"));
        AuthApi.token(tenant.getString("api_key"));
        AuthApi.token(tenant.getString("api_key"));
        assertThat(Scrape.metrics().value("caas_auth_tokens_issued_total", series)).isEqualTo(2);
    }

    @Test
    void everyFailureReasonIsExposedFromTheStart() {
        assertThat(Scrape.metrics().named("caas_auth_failures_total")).extracting(s -> s.label("reason"))
                .contains("missing_key", "invalid_key", "revoked_key", "missing_admin_token", "bad_admin_token");
    }

    @Test
    void recordsEveryEndpointUnderItsRouteTemplate() {
        var tenant = AuthApi.createTenant(AuthApi.uniqueName("routes"));
        AuthApi.addKey(tenant.getString("tenant_id"));
        var scrape = Scrape.metrics();
        assertThat(scrape.named("caas_http_requests_total")).extracting(s -> s.label("path"))
                .contains("/v1/tenants", "/v1/tenants/{tenant_id}/api-keys")
                .noneMatch(path -> path.contains(tenant.getString("tenant_id")));
    }

    @Test
    void probesTheDatabase() {
        await().atMost(Duration.ofSeconds(30)).until(() ->
                Scrape.metrics().value("caas_dependency_up", Map.of("dependency", "postgresql")) == 1);
    }
}
