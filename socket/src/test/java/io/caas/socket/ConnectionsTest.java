package io.caas.socket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.caas.caller.testing.TestIssuer;
import io.caas.metrics.testing.PrometheusText;
import io.caas.metrics.testing.Scrape;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.common.QuarkusTestResource;
import io.caas.localinfra.KafkaTestResource;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(TestIssuer.class)
class ConnectionsTest {

    TestIssuer issuer;

    @Test
    void theGaugeFollowsOpensClosesAndAbruptDisconnectsAndIsNeverFooledByRefusedUpgrades() {
        awaitGauge(0);
        List<WsClient> clients = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            clients.add(WsClient.withHeader(issuer.token("gauge-" + i)));
        }
        awaitGauge(4);

        assertThat(WsClient.upgradeStatus(null)).isEqualTo(401);
        assertThat(WsClient.upgradeStatus("Bearer " + issuer.forgedToken("x"))).isEqualTo(401);
        assertThat(WsClient.upgradeStatus("Bearer " + issuer.expiredToken("x"))).isEqualTo(401);
        awaitGauge(4);

        clients.get(0).close();
        clients.get(1).abort();
        awaitGauge(2);
        clients.get(2).abort();
        clients.get(3).close();
        awaitGauge(0);
    }

    @Test
    void refusedUpgradesAreCountedUnderTheEndpointPath() {
        assertThat(WsClient.upgradeStatus(null)).isEqualTo(401);
        assertThat(Scrape.metrics().named("caas_http_requests_total")).anySatisfy(sample -> {
            assertThat(sample.label("path")).isEqualTo("/v1/ws");
            assertThat(sample.label("status")).isEqualTo("401");
        });
    }

    @Test
    void theGaugeCarriesTheServerId() {
        assertThat(Scrape.metrics().named("caas_socket_connections_active")).singleElement()
                .satisfies(s -> assertThat(s.labels()).containsOnlyKeys("server_id"))
                .satisfies(s -> assertThat(s.label("server_id")).isNotBlank());
    }

    @Test
    void tokensNeverReachTheMetrics() {
        String token = issuer.token("secretive");
        try (WsClient client = WsClient.withQueryToken(token)) {
            assertThat(Scrape.text()).doesNotContain(token).doesNotContain("access_token");
        }
    }

    static void awaitGauge(int expected) {
        await().atMost(Duration.ofSeconds(10)).until(() -> gauge() == expected);
    }

    static int gauge() {
        return (int) Scrape.metrics().named("caas_socket_connections_active").stream()
                .mapToDouble(PrometheusText.Sample::value).sum();
    }
}
