package io.caas.k8s.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.caas.k8s.Monitoring;
import io.caas.k8s.Tools;

/**
 * The Alertmanager configuration: valid, routed by severity, and inhibiting as designed — the last checked by
 * a real Alertmanager (Debian's) receiving alerts over its API.
 */
class AlertmanagerTest {

    private static final Path CONFIG = Monitoring.DIR.resolve("alertmanager/alertmanager.yml");

    /**
     * Debian ships Alertmanager 0.25, which predates {@code url_file} (0.26; the deployed image is 0.28): the
     * checked copy reads each URL from a file the test writes instead. Everything else is the file in k8s/.
     */
    private static Path checkableConfig(Path dir) throws Exception {
        String config = Files.readString(CONFIG);
        assertThat(config).contains("url_file: /etc/alertmanager/secrets/").doesNotContain("url: ");
        Path checkable = dir.resolve("alertmanager.yml");
        Files.writeString(checkable, config.replaceAll("url_file: /etc/alertmanager/secrets/(\\S+)", "url: http://127.0.0.1:9/$1"));
        return checkable;
    }

    @Test
    void amtoolAcceptsTheConfig(@TempDir Path dir) throws Exception {
        assumeTrue(Tools.onPath("amtool"), "amtool is not installed; .ci/run installs prometheus-alertmanager");
        Tools.succeed(dir, "amtool", "check-config", checkableConfig(dir).toString());
    }

    @Test
    void criticalAlertsPageAndWarningsOpenTickets(@TempDir Path dir) throws Exception {
        assumeTrue(Tools.onPath("amtool"), "amtool is not installed; .ci/run installs prometheus-alertmanager");
        String config = "--config.file=" + checkableConfig(dir);
        Tools.succeed(dir, "amtool", "config", "routes", "test", config, "--verify.receivers=pager", "severity=critical", "alertname=CaasTargetDown");
        Tools.succeed(dir, "amtool", "config", "routes", "test", config, "--verify.receivers=tickets", "severity=warning", "alertname=CaasHigh5xxRatio");
        assertThat(Tools.run(dir, "amtool", "config", "routes", "test", config, "--verify.receivers=pager", "severity=warning").ok())
                .as("the check can fail").isFalse();
    }

    @Test
    void aTargetDownInhibitsTheOtherAlertsOfItsServiceOnly(@TempDir Path dir) throws Exception {
        assumeTrue(Tools.onPath("prometheus-alertmanager"), "Alertmanager is not installed; .ci/run installs prometheus-alertmanager");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Process alertmanager = new ProcessBuilder("prometheus-alertmanager", "--config.file=" + checkableConfig(dir),
                "--storage.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port, "--cluster.listen-address=")
                .redirectErrorStream(true).redirectOutput(dir.resolve("alertmanager.log").toFile()).start();
        try {
            HttpClient http = HttpClient.newHttpClient();
            URI api = URI.create("http://127.0.0.1:" + port + "/api/v2/alerts");
            awaitReady(http, URI.create("http://127.0.0.1:" + port + "/-/ready"));
            List<Map<String, Object>> alerts = List.of(
                    alert("CaasTargetDown", "critical", "caas-gateway"),
                    alert("CaasHigh5xxRatio", "warning", "caas-gateway"),
                    alert("CaasHigh5xxRatio", "warning", "caas-billing"));
            http.send(HttpRequest.newBuilder(api).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(Monitoring.JSON.writeValueAsString(alerts))).build(),
                    HttpResponse.BodyHandlers.ofString());

            Map<String, String> states = Map.of();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < deadline) {
                JsonNode listed = Monitoring.JSON.readTree(http.send(HttpRequest.newBuilder(api).GET().build(),
                        HttpResponse.BodyHandlers.ofString()).body());
                states = new HashMap<>();
                for (JsonNode alert : listed) {
                    states.put(alert.path("labels").path("alertname").asText() + "/" + alert.path("labels").path("service").asText(),
                            alert.path("status").path("state").asText());
                }
                if (states.size() == 3 && states.get("CaasHigh5xxRatio/caas-gateway").equals("suppressed")) {
                    break;
                }
                Thread.sleep(200);
            }
            assertThat(states).containsEntry("CaasTargetDown/caas-gateway", "active")
                    .containsEntry("CaasHigh5xxRatio/caas-gateway", "suppressed")
                    .containsEntry("CaasHigh5xxRatio/caas-billing", "active");
        } finally {
            alertmanager.destroy();
            alertmanager.waitFor();
        }
    }

    private static Map<String, Object> alert(String name, String severity, String service) {
        return Map.of("labels", Map.of("alertname", name, "severity", severity, "namespace", "caas", "service", service),
                "annotations", Map.of("summary", name));
    }

    private static void awaitReady(HttpClient http, URI ready) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (http.send(HttpRequest.newBuilder(ready).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("Alertmanager did not become ready");
    }
}
