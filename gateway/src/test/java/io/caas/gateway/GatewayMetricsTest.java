package io.caas.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.caas.caller.testing.TestIssuer;
import io.caas.metrics.testing.Scrape;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.common.QuarkusTestResource;
import io.caas.localinfra.KafkaTestResource;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(TestIssuer.class)
@QuarkusTestResource(StandInBilling.class)
class GatewayMetricsTest {

    TestIssuer issuer;

    @Test
    void probesKafkaAuthAndBilling() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            var scrape = Scrape.metrics();
            for (String dependency : new String[] {"kafka", "auth", "billing"}) {
                assertThat(scrape.value("caas_dependency_up", Map.of("dependency", dependency))).as(dependency).isEqualTo(1);
            }
        });
    }

    @Test
    void recordsRequestsUnderRouteTemplates() {
        GatewayApi.post(issuer.token("routes"), GatewayApi.message("c", "text", "b")).then().statusCode(202);
        assertThat(Scrape.metrics().named("caas_http_requests_total")).extracting(s -> s.label("path")).contains("/v1/messages");
    }
}
