package io.caas.socket;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.caas.caller.testing.TestIssuer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.common.QuarkusTestResource;
import io.caas.localinfra.KafkaTestResource;

/** Idle clients are disconnected (with an idle timeout short enough to reach in a test). */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(TestIssuer.class)
@TestProfile(IdleTimeoutTest.ShortIdleTimeout.class)
class IdleTimeoutTest {

    public static class ShortIdleTimeout implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("caas.socket.idle-timeout", "2s", "caas.socket.idle-check-interval", "1s");
        }
    }

    TestIssuer issuer;

    @Test
    void anIdleConnectionIsClosedWithGoingAway() throws Exception {
        int before = ConnectionsTest.gauge();
        WsClient idle = WsClient.withHeader(issuer.token("idle"));
        assertThat(idle.closedWith.get(10, TimeUnit.SECONDS)).isEqualTo(1001);
        ConnectionsTest.awaitGauge(before);
    }
}
