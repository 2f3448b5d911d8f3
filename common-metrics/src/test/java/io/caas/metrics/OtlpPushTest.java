package io.caas.metrics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.caas.metrics.testing.OtlpReceiver;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** With an OTLP endpoint configured, the caas_* metrics and the spans reach the receiver. */
@QuarkusTest
@TestProfile(OtlpPushTest.OtlpOn.class)
@QuarkusTestResource(value = OtlpReceiver.class, restrictToAnnotatedClass = true)
class OtlpPushTest {

    /** Its own profile: the receiver must exist before the application starts. */
    public static class OtlpOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of();
        }
    }

    OtlpReceiver receiver;

    @Test
    void catalogMetricsAndTracesArriveAtTheReceiver() {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        given().header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01").get("/v1/items/42").then().statusCode(200);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(receiver.metricNames()).contains("caas_http_requests_total", "caas_request_duration_seconds",
                    "caas_build_info");
            assertThat(receiver.metricNames()).allSatisfy(name -> assertThat(name).startsWith("caas_"));
            assertThat(receiver.traceIds()).contains(traceId);
        });
        assertThat(receiver.spanResource()).containsEntry("service.name", "metrics-test-app")
                .containsEntry("service.version", "0.1.0-SNAPSHOT")
                .containsEntry("k8s.namespace.name", "local")
                .containsKey("k8s.pod.name");
    }
}
