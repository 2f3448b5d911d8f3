package io.caas.k8s.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;

import io.caas.k8s.Monitoring;
import io.caas.k8s.ScrapeConfig;
import io.caas.k8s.Tools;

/**
 * The Alertmanager configuration: valid, routed by severity, and inhibiting as designed — the last checked by
 * a real Alertmanager (Debian's) receiving alerts over its API.
 */
class AlertmanagerTest {

    private static final Path CONFIG = Monitoring.DIR.resolve("alertmanager/alertmanager.yml");

    /**
     * Debian ships Alertmanager 0.25, which predates {@code url_file} (0.26; the deployed image is 0.28): the
     * checked copy has each URL inline instead, pointing at the test's webhooks. Everything else is the file in k8s/.
     */
    private static Path checkableConfig(Path dir, int webhookPort) throws Exception {
        String config = Files.readString(CONFIG);
        assertThat(config).contains("url_file: /etc/alertmanager/secrets/").doesNotContain("url: ");
        Path checkable = dir.resolve("alertmanager.yml");
        Files.writeString(checkable, config.replaceAll("url_file: /etc/alertmanager/secrets/(\\S+)", "url: http://127.0.0.1:" + webhookPort + "/$1"));
        return checkable;
    }

    /**
     * The checked copy with the top route's group_wait at 1 s instead of 30 s: that wait only holds back a new
     * group's first notification, and the test that uses this checks where notifications go, not when.
     */
    private static Path notifyingSooner(Path config) throws Exception {
        String text = Files.readString(config);
        assertThat(text).contains("\n  group_wait: 30s\n");
        Files.writeString(config, text.replace("\n  group_wait: 30s\n", "\n  group_wait: 1s\n"));
        return config;
    }

    @Test
    void amtoolAcceptsTheConfig(@TempDir Path dir) throws Exception {
        assumeTrue(Tools.onPath("amtool"), "amtool is not installed; .ci/run installs prometheus-alertmanager");
        Tools.succeed(dir, "amtool", "check-config", checkableConfig(dir, 9).toString());
    }

    @Test
    void criticalAlertsPageAndWarningsOpenTickets(@TempDir Path dir) throws Exception {
        assumeTrue(Tools.onPath("amtool"), "amtool is not installed; .ci/run installs prometheus-alertmanager");
        String config = "--config.file=" + checkableConfig(dir, 9);
        Tools.succeed(dir, "amtool", "config", "routes", "test", config, "--verify.receivers=pager", "severity=critical", "alertname=CaasServiceDown");
        Tools.succeed(dir, "amtool", "config", "routes", "test", config, "--verify.receivers=tickets", "severity=warning", "alertname=CaasHigh5xxRatio");
        assertThat(Tools.run(dir, "amtool", "config", "routes", "test", config, "--verify.receivers=pager", "severity=warning").ok())
                .as("the check can fail").isFalse();
    }

    @Test
    void theWatchdogGoesToTheDeadMansSwitchAndNowhereElse(@TempDir Path dir) throws Exception {
        assumeTrue(Tools.onPath("amtool"), "amtool is not installed; .ci/run installs prometheus-alertmanager");
        String config = "--config.file=" + checkableConfig(dir, 9);
        Tools.succeed(dir, "amtool", "config", "routes", "test", config, "--verify.receivers=deadmansswitch", "alertname=Watchdog", "severity=none");
    }

    /**
     * A real Alertmanager, its webhooks pointed at this test: one gateway pod down must not silence the gateway's
     * SLO page; a whole service down silences its own alerts and its callers' probes of it; Kafka unreachable
     * silences the consumer alerts it causes.
     */
    @Test
    void inhibitionSilencesConsequencesNeverTheSloPageOfAServiceWithOnePodDown(@TempDir Path dir) throws Exception {
        assumeTrue(Tools.onPath("prometheus-alertmanager"), "Alertmanager is not installed; .ci/run installs prometheus-alertmanager");
        Map<String, List<String>> delivered = new ConcurrentHashMap<>();
        HttpServer webhooks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        webhooks.createContext("/", exchange -> {
            JsonNode body = Monitoring.JSON.readTree(exchange.getRequestBody());
            body.path("alerts").forEach(alert -> delivered.computeIfAbsent(exchange.getRequestURI().getPath().substring(1), k -> new CopyOnWriteArrayList<>())
                    .add(key(alert.path("labels"))));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        webhooks.start();
        int port = freePort();
        Process alertmanager = start(dir, "alertmanager", "prometheus-alertmanager", "--config.file=" + notifyingSooner(checkableConfig(dir, webhooks.getAddress().getPort())),
                "--storage.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port, "--cluster.listen-address=");
        try {
            HttpClient http = HttpClient.newHttpClient();
            URI api = URI.create("http://127.0.0.1:" + port + "/api/v2/alerts");
            awaitReady(http, URI.create("http://127.0.0.1:" + port + "/-/ready"));
            List<Sent> alerts = List.of(
                    new Sent("CaasTargetDown", "warning", Map.of("service", "caas-gateway", "pod", "gw-1"), "active"),
                    new Sent("CaasGatewayAvailabilityFastBurn", "critical", Map.of("service", "caas-gateway", "slo", "gateway-availability"), "active"),
                    new Sent("CaasHigh5xxRatio", "warning", Map.of("service", "caas-gateway"), "active"),
                    new Sent("CaasDependencyDown", "critical", Map.of("service", "caas-gateway", "pod", "gw-1", "dependency", "kafka"), "suppressed"),
                    new Sent("CaasServiceDown", "critical", Map.of("service", "caas-billing", "dependency_service", "caas-billing"), "active"),
                    new Sent("CaasHigh5xxRatio", "warning", Map.of("service", "caas-billing"), "suppressed"),
                    new Sent("CaasDependencyDown", "critical", Map.of("service", "caas-gateway", "pod", "gw-2", "dependency", "billing",
                            "dependency_service", "caas-billing"), "suppressed"),
                    new Sent("CaasDependencyDown", "critical", Map.of("service", "caas-socket", "pod", "so-1", "dependency", "kafka"), "active"),
                    new Sent("CaasKafkaConsumerDown", "critical", Map.of("service", "caas-socket", "pod", "so-1", "consumer", "socket"), "suppressed"),
                    new Sent("Watchdog", "none", Map.of(), "active"));
            http.send(HttpRequest.newBuilder(api).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(Monitoring.JSON.writeValueAsString(alerts.stream().map(Sent::payload).toList()))).build(),
                    HttpResponse.BodyHandlers.ofString());

            Map<String, String> expected = new HashMap<>();
            alerts.forEach(alert -> expected.put(key(Monitoring.JSON.valueToTree(alert.labels())), alert.state()));
            Map<String, String> states = Map.of();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < deadline && !states.equals(expected)) {
                Thread.sleep(200);
                states = new HashMap<>();
                for (JsonNode alert : Monitoring.JSON.readTree(http.send(HttpRequest.newBuilder(api).GET().build(),
                        HttpResponse.BodyHandlers.ofString()).body())) {
                    states.put(key(alert.path("labels")), alert.path("status").path("state").asText());
                }
            }
            assertThat(states).isEqualTo(expected);

            // Notifications leave after the route's group_wait: the page is delivered to the pager, the Watchdog to
            // the dead man's switch, and no suppressed alert reaches any receiver.
            deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline && !delivered.getOrDefault("pager-url", List.of()).contains("CaasGatewayAvailabilityFastBurn/caas-gateway/")) {
                Thread.sleep(500);
            }
            assertThat(delivered.getOrDefault("pager-url", List.of())).contains("CaasGatewayAvailabilityFastBurn/caas-gateway/", "CaasServiceDown/caas-billing/");
            assertThat(delivered.getOrDefault("deadmansswitch-url", List.of())).containsOnly("Watchdog//");
            List<String> everything = delivered.values().stream().flatMap(List::stream).toList();
            expected.forEach((alert, state) -> {
                if (state.equals("suppressed")) {
                    assertThat(everything).as("suppressed alerts are not sent").doesNotContain(alert);
                }
            });
        } finally {
            alertmanager.destroy();
            alertmanager.waitFor();
            webhooks.stop(0);
        }
    }

    /**
     * Two Prometheus replicas (as the Thanos variants run) evaluate the same rules and differ only in their external
     * label replica: Alertmanager must see one alert, not one per replica (each would notify). Real Prometheus
     * processes with the rule files and prometheus.yml of k8s/ (no targets), sending to a real Alertmanager.
     */
    @Test
    void twoPrometheusReplicasRaiseEachAlertOnce(@TempDir Path dir) throws Exception {
        assumeTrue(Tools.onPath("prometheus-alertmanager") && Tools.onPath("prometheus"), "prometheus and Alertmanager are not installed");
        int amPort = freePort();
        Process alertmanager = start(dir, "alertmanager", "prometheus-alertmanager", "--config.file=" + checkableConfig(dir, 9),
                "--storage.path=" + dir.resolve("am"), "--web.listen-address=127.0.0.1:" + amPort, "--cluster.listen-address=");
        List<Process> replicas = new ArrayList<>();
        try {
            for (String replica : List.of("prometheus-0", "prometheus-1")) {
                Path config = dir.resolve(replica + ".yml");
                Files.writeString(config, ScrapeConfig.withFileSd(Map.of(), List.of(Monitoring.RULES.resolve("self.rules.yml")),
                        List.of("127.0.0.1:" + amPort), Optional.of(Duration.ofSeconds(1))));
                ProcessBuilder prometheus = new ProcessBuilder("prometheus", "--config.file=" + config, "--storage.tsdb.path=" + dir.resolve(replica),
                        "--web.listen-address=127.0.0.1:" + freePort(), "--enable-feature=expand-external-labels",
                        // an alert raised before discovery found Alertmanager is resent after this, not after a minute
                        "--rules.alert.resend-delay=2s");
                prometheus.environment().put("POD_NAME", replica);
                replicas.add(prometheus.redirectErrorStream(true).redirectOutput(dir.resolve(replica + ".log").toFile()).start());
            }
            HttpClient http = HttpClient.newHttpClient();
            URI api = URI.create("http://127.0.0.1:" + amPort + "/api/v2/alerts?filter=alertname%3D%22Watchdog%22");
            List<JsonNode> watchdogs = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                watchdogs.clear();
                Monitoring.JSON.readTree(http.send(HttpRequest.newBuilder(api).GET().build(), HttpResponse.BodyHandlers.ofString()).body())
                        .forEach(watchdogs::add);
                if (!watchdogs.isEmpty() && watchdogs.get(0).path("updatedAt").asText().compareTo(watchdogs.get(0).path("startsAt").asText()) > 0) {
                    Thread.sleep(3000); // both replicas have sent by now
                    watchdogs.clear();
                    Monitoring.JSON.readTree(http.send(HttpRequest.newBuilder(api).GET().build(), HttpResponse.BodyHandlers.ofString()).body())
                            .forEach(watchdogs::add);
                    break;
                }
                Thread.sleep(500);
            }
            assertThat(watchdogs).as("one Watchdog from two replicas").hasSize(1);
            assertThat(watchdogs.get(0).path("labels").has("replica")).isFalse();
            assertThat(watchdogs.get(0).path("labels").path("cluster").asText()).isEqualTo("caas");
        } finally {
            replicas.forEach(Process::destroy);
            alertmanager.destroy();
            for (Process process : replicas) {
                process.waitFor();
            }
            alertmanager.waitFor();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static Process start(Path dir, String log, String... command) throws IOException {
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve(log + ".log").toFile()).start();
    }

    private static String key(JsonNode labels) {
        return labels.path("alertname").asText() + "/" + labels.path("service").asText() + "/" + labels.path("pod").asText();
    }

    /** An alert posted to Alertmanager, with the state (active or suppressed) inhibition must give it. */
    private record Sent(String name, String severity, Map<String, String> extraLabels, String state) {
        Map<String, String> labels() {
            Map<String, String> all = new HashMap<>(extraLabels);
            all.put("alertname", name);
            all.put("severity", severity);
            if (!name.equals("Watchdog")) {
                all.put("namespace", "caas");
            }
            return all;
        }

        Map<String, Object> payload() {
            return Map.of("labels", labels(), "annotations", Map.of("summary", name));
        }
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
