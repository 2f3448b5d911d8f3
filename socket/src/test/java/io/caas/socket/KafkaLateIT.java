package io.caas.socket;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.caas.caller.testing.TestIssuer;
import io.caas.kafka.testing.TestEvents;
import io.caas.localinfra.FreePorts;
import io.caas.localinfra.KafkaBroker;
import io.caas.localinfra.ServiceProcess;
import io.vertx.core.json.JsonObject;

/**
 * socket started while Kafka is unreachable (a broker restart, a network partition at deploy time): it stays not
 * ready, keeps trying, and delivers once Kafka is there. Runs the packaged application.
 */
class KafkaLateIT {

    private static final Path DIR = Path.of("target", "kafka-late-it");

    private static Map<String, String> environment(KafkaBroker kafka, String authUrl) {
        Map<String, String> env = new HashMap<>(kafka.environment("socket"));
        env.put("CAAS_CALLER_AUTH_URL", authUrl);
        env.put("POD_NAME", "caas-socket-0");
        return env;
    }

    @Test
    void startedWithoutKafkaItIsNotReadyUntilKafkaComesAndThenDelivers() throws Exception {
        TestIssuer issuer = new TestIssuer();
        String authUrl = issuer.start().get("caas.caller.auth-url");
        int api = FreePorts.next();
        int management = FreePorts.next();
        try (KafkaBroker kafka = new KafkaBroker(DIR.resolve("kafka"))) {
            ServiceProcess socket = new ServiceProcess("socket", Path.of("target", "quarkus-app", "quarkus-run.jar"),
                    DIR.resolve("socket.log"), List.of("-Xmx256m"),
                    Map.of("quarkus.http.port", Integer.toString(api), "quarkus.management.port", Integer.toString(management)),
                    environment(kafka, authUrl));
            URI ready = URI.create("http://127.0.0.1:" + management + "/q/health/ready");
            URI live = URI.create("http://127.0.0.1:" + management + "/q/health/live");
            try {
                socket.start().awaitOk(URI.create("http://127.0.0.1:" + management + "/q/health/started"), Duration.ofSeconds(90));
                long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (System.nanoTime() < until) {
                    assertThat(ServiceProcess.status(ready)).as("not ready without Kafka").isEqualTo(503);
                    assertThat(ServiceProcess.status(live)).as("but alive: waiting for Kafka is not a hang").isEqualTo(200);
                    Thread.sleep(1000);
                }

                kafka.start();
                socket.awaitOk(ready, Duration.ofSeconds(60));
                String tenant = TestEvents.uniqueTenant("late");
                try (WsClient client = WsClient.withHeader(api, issuer.token(tenant))) {
                    assertThat(client.subscribe("c").getString("op")).isEqualTo("ack");
                    String id = TestEvents.produceConversation(kafka, tenant, "c", "text", List.of("after the outage")).get(0);
                    JsonObject frame = client.next(Duration.ofSeconds(20));
                    assertThat(frame).as("the event is delivered").isNotNull();
                    assertThat(frame.getJsonObject("message").getString("message_id")).isEqualTo(id);
                }
            } finally {
                socket.stop(Duration.ofSeconds(30));
                issuer.stop();
            }
        }
    }
}
