package io.caas.localrun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.caas.k8s.Monitoring;
import io.caas.kafka.testing.TestEvents;
import io.caas.k8s.PromQl;
import io.caas.k8s.Tools;
import io.caas.metrics.catalog.MetricCatalog;
import io.caas.metrics.catalog.MetricDefinition;
import io.caas.metrics.testing.OtlpReceiver;

/**
 * The end-to-end proof: the platform as bin/run-local starts it, real flows over HTTP and WebSocket, and a real
 * Prometheus scraping the services through the relabeling of k8s/monitoring (file_sd targets carrying the pod
 * labels of the rendered dev overlay, each service's loopback address as its pod IP). Spans go to an OTLP
 * receiver the test runs (a stand-in: no OpenTelemetry Collector can run here).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlatformIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> TARGET_LABELS = Set.of("__name__", "job", "instance", "namespace", "pod", "service", "container");
    private static final List<String> TYPES = List.of("text", "image", "file", "system");

    private static LocalPlatform.Options options;
    private static LocalPlatform platform;
    private static PlatformClient client;
    private static PlatformClient.Tenant acme;
    private static String acmeToken;
    private static OtlpReceiver otlp;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final List<PlatformClient.Socket> SOCKETS = new ArrayList<>();
    private static int accepted;
    private static String tracedTraceId;

    @BeforeAll
    static void startPlatform() throws Exception {
        assumeTrue(LocalPlatform.prometheusInstalled(), "prometheus is not installed; .ci/run installs it");
        otlp = new OtlpReceiver();
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("caas.telemetry.otlp.endpoint", otlp.start().get("caas.telemetry.otlp.endpoint"));
        properties.put("quarkus.otel.bsp.schedule.delay", "0.2s");
        // Faster than production so every panel fills within the test: the invoice job every 5 s, probes every
        // 2 s, a tenant cap of 2 on messages sent (three tenants overflow it), a small burst for the rate limit.
        properties.put("caas.billing.invoice-cron", "*/5 * * * * ?");
        properties.put("caas.metrics.probes.interval", "2s");
        properties.put("caas.metrics.label-caps.caas_messages_sent_total", "2");
        properties.put("caas.gateway.rate-limit.burst", "20");
        properties.put("caas.gateway.rate-limit.per-second", "5");

        Path runDir = Path.of("target/platform-it").toAbsolutePath();
        PlatformState.forget(runDir); // an earlier build's platform: its tenants would collide
        Files.createDirectories(runDir);
        options = LocalPlatform.Options.onFreePorts(runDir, Map.of(), true, Optional.of(Duration.ofSeconds(2)),
                List.of(lowered5xxAlert(runDir)), properties).keepingState(); // as bin/run-local
        platform = LocalPlatform.start(options);
        client = new PlatformClient(platform);
    }

    /** Closing is what Ctrl-C does in bin/run-local (a shutdown hook): it must leave no process behind. */
    @AfterAll
    static void stopPlatform() {
        SOCKETS.forEach(PlatformClient.Socket::close);
        if (otlp != null) {
            otlp.stop();
        }
        if (platform != null) {
            platform.close();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(ProcessHandle.current().descendants()
                    .filter(ProcessHandle::isAlive).map(p -> p.info().commandLine().orElse(String.valueOf(p.pid())))).isEmpty());
        }
    }

    @Test
    @Order(1)
    void messagesFlowFromTheGatewayThroughKafkaToSubscribedSocketsAndIntoBilling() throws Exception {
        acme = client.createTenant("acme");
        PlatformClient.Tenant globex = client.createTenant("globex");
        acmeToken = client.token(acme);
        String globexToken = client.token(globex);
        PlatformClient.Socket acme1 = open(acmeToken, "room");
        PlatformClient.Socket acme2 = open(acmeToken, "room");
        PlatformClient.Socket globex1 = open(globexToken, "room");

        for (String type : TYPES) {
            post(acmeToken, "room", type);
        }
        post(globexToken, "room", "text");
        post(globexToken, "room", "image");

        for (PlatformClient.Socket socket : List.of(acme1, acme2)) {
            assertThat(messagesOn(socket, 4)).extracting(m -> m.path("type").asText()).containsExactlyInAnyOrderElementsOf(TYPES);
        }
        assertThat(messagesOn(globex1, 2)).allSatisfy(m -> assertThat(m.path("tenant_id").asText()).isEqualTo(globex.id()));
        assertThat(globex1.frames().poll(1, TimeUnit.SECONDS)).as("no other tenant's message reaches globex").isNull();

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            JsonNode totals = JSON.readTree(client.get("gateway", "/v1/usage", acmeToken).body()).path("totals");
            for (String type : TYPES) {
                assertThat(totals.path(type).asLong()).as("acme's %s messages metered by billing", type).isEqualTo(1);
            }
        });
    }

    @Test
    @Order(2)
    void badRequestsRateLimitsAndAThirdTenantAreAnsweredAndCounted() throws Exception {
        String token = client.token(client.createTenant("initech"));
        assertThat(client.postRaw(token, "{\"conversation_id\":").statusCode()).isEqualTo(400);
        assertThat(client.postMessage(token, "room", "video", "no such type").statusCode()).isEqualTo(400);
        assertThat(client.postMessage(null, "room", "text", "no token").statusCode()).isEqualTo(401);
        assertThat(client.postMessage(token + "x", "room", "text", "forged").statusCode()).isEqualTo(401);
        assertThat(client.get("gateway", "/v1/no-such-path", token).statusCode()).isEqualTo(404);
        assertThat(wsUpgradeStatus(null)).isEqualTo(401);
        assertThat(wsUpgradeStatus(token + "x")).isEqualTo(401);
        int limited = 0;
        for (int i = 0; i < 30; i++) {
            int status = client.postMessage(token, "burst", "text", "burst " + i).statusCode();
            if (status == 202) {
                accepted++;
            } else {
                assertThat(status).isEqualTo(429);
                limited++;
            }
        }
        assertThat(limited).as("the burst of 20 is exceeded").isPositive();
    }

    @Test
    @Order(3)
    void aKafkaOutageIsAnswered503AndTheGatewayRecovers() throws Exception {
        String token = client.token(client.createTenant("umbrella"));
        platform.kafka().stop();
        // Waves a scrape apart: Prometheus' rate() ignores a counter's first value, so the 503 series must exist
        // before most of the failures land in it; 40 in all clear the 5xx alert's minimum traffic (0.1 requests/s).
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int wave : List.of(2, 8, 30)) {
                List<Future<Integer>> during = new ArrayList<>();
                for (int i = 0; i < wave; i++) {
                    during.add(pool.submit(() -> client.postMessage(token, "outage", "text", "while Kafka is down").statusCode()));
                }
                for (Future<Integer> status : during) {
                    assertThat(status.get(30, TimeUnit.SECONDS)).isEqualTo(503);
                }
                Thread.sleep(3000);
            }
        } finally {
            pool.shutdown();
            platform.kafka().start();
        }
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> client.postMessage(token, "after", "text", "Kafka is back").statusCode() == 202);
        accepted++;
    }

    @Test
    @Order(4)
    void aTracedMessageLeavesAnExemplarAndItsTraceReachesSocketAndBilling() throws Exception {
        String token = client.token(client.createTenant("tracer"));
        tracedTraceId = randomHex(16);
        PlatformClient.Socket socket = open(token, "traced");
        // Micrometer's exemplar sampler keeps a bucket's exemplar for a few seconds before it takes a newer one: the
        // traced request is repeated (same trace, new span) until Prometheus has scraped one of its exemplars.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(3)).untilAsserted(() -> {
            String traceparent = "00-" + tracedTraceId + "-" + randomHex(8) + "-01";
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(platform.service("gateway").apiUrl() + "/v1/messages"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json").header("traceparent", traceparent)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"conversation_id\":\"traced\",\"type\":\"text\",\"body\":\"follow me\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(202);
            accepted++;
            assertThat(messagesOn(socket, 1)).isNotEmpty();
            Thread.sleep(2500); // one scrape
            JsonNode exemplars = prometheus("/api/v1/query_exemplars", Map.of(
                    "query", "caas_request_duration_seconds_bucket{service=\"caas-gateway\",path=\"/v1/messages\"}",
                    "start", String.valueOf(Instant.now().minusSeconds(600).getEpochSecond()),
                    "end", String.valueOf(Instant.now().plusSeconds(10).getEpochSecond())));
            assertThat(exemplars.findValues("trace_id")).extracting(JsonNode::asText).contains(tracedTraceId);
        });

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(otlp.traceIdsOf("gateway")).contains(tracedTraceId);
            assertThat(otlp.traceIdsOf("socket")).as("socket continues the trace from the Kafka headers").contains(tracedTraceId);
            assertThat(otlp.traceIdsOf("billing")).as("billing continues the trace from the Kafka headers").contains(tracedTraceId);
        });
    }

    @Test
    @Order(5)
    void everyServiceIsUpWithThePodLabelsOfTheRelabeling() throws Exception {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode up = query("up{job=\"caas-pods\"}");
            assertThat(up).hasSize(4);
            for (JsonNode series : up) {
                JsonNode labels = series.path("metric");
                String service = labels.path("service").asText();
                assertThat(series.path("value").get(1).asText()).as(service).isEqualTo("1");
                assertThat(service).isIn("caas-auth", "caas-gateway", "caas-socket", "caas-billing");
                String name = service.substring("caas-".length());
                assertThat(labels.path("namespace").asText()).isEqualTo(platform.namespace());
                assertThat(labels.path("pod").asText()).isEqualTo(platform.service(name).podName());
                assertThat(labels.path("container").asText()).isEqualTo(name);
                assertThat(labels.path("instance").asText()).isEqualTo(platform.service(name).managementHost() + ":9000");
            }
        });
    }

    @Test
    @Order(6)
    void theFiveStandardMetricsHaveExactlyTheirLabelsAndTheValuesOfWhatHappened() throws Exception {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(scalar("sum(caas_messages_sent_total)")).as("messages accepted with 202; series: %s",
                        query("caas_messages_sent_total")).isEqualTo(accepted));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(scalar("sum(caas_socket_connections_active)")).as("open test sockets").isEqualTo(SOCKETS.size()));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(scalar("max(caas_kafka_consumer_lag)")).as("lag after delivery").isEqualTo(0));

        for (MetricDefinition metric : List.of(MetricCatalog.HTTP_REQUESTS, MetricCatalog.SOCKET_CONNECTIONS_ACTIVE,
                MetricCatalog.MESSAGES_SENT, MetricCatalog.KAFKA_CONSUMER_LAG)) {
            assertExactLabels(metric.name(), metric.labelNames());
        }
        String bucket = MetricCatalog.REQUEST_DURATION.name() + "_bucket";
        List<String> bucketLabels = new ArrayList<>(MetricCatalog.REQUEST_DURATION.labelNames());
        bucketLabels.add("le");
        assertExactLabels(bucket, bucketLabels);
        Set<Double> bounds = new TreeSet<>();
        query(bucket + "{service=\"caas-gateway\",path=\"/v1/messages\",method=\"POST\"}")
                .forEach(series -> bounds.add(Double.parseDouble(series.path("metric").path("le").asText().replace("+Inf", "Infinity"))));
        assertThat(bounds).containsExactly(0.01, 0.05, 0.1, 0.5, 1.0, 5.0, Double.POSITIVE_INFINITY);
    }

    @Test
    @Order(7)
    void everyDashboardPanelAndRecordingRuleHasData() throws Exception {
        List<String> empty = new ArrayList<>();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            empty.clear();
            for (Monitoring.PanelQuery panel : Monitoring.panelQueries()) {
                if (query(PromQl.withoutGrafanaVariables(panel.expr())).isEmpty()) {
                    empty.add(panel.dashboard() + " / " + panel.panel() + ": " + panel.expr());
                }
            }
            for (Monitoring.Rule rule : Monitoring.rules()) {
                if (!rule.alert() && query(rule.name()).isEmpty()) {
                    empty.add("recording rule " + rule.name());
                }
            }
            assertThat(empty).isEmpty();
        });
    }

    @Test
    @Order(8)
    void theRulesLoadAndTheErrorRatioAlertFiresOnTheProvoked5xx() throws Exception {
        JsonNode groups = prometheus("/api/v1/rules", Map.of()).path("groups");
        Set<String> loaded = new HashSet<>();
        groups.forEach(group -> group.path("rules").forEach(rule -> {
            assertThat(rule.path("health").asText()).as(rule.path("name").asText()).isEqualTo("ok");
            loaded.add(rule.path("name").asText());
        }));
        assertThat(loaded).containsAll(Monitoring.rules().stream().map(Monitoring.Rule::name).toList());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode alerts = prometheus("/api/v1/alerts", Map.of()).path("alerts");
            assertThat(alerts).as("5xx ratio %s; alerts %s", query("service:caas_http_requests_5xx:ratio_rate5m"), alerts).anySatisfy(alert -> {
                assertThat(alert.path("labels").path("alertname").asText()).isEqualTo("CaasHigh5xxRatioNow");
                assertThat(alert.path("labels").path("service").asText()).isEqualTo("caas-gateway");
                assertThat(alert.path("state").asText()).isEqualTo("firing");
            });
        });
    }

    @Test
    @Order(9)
    void everyServicesMetricsPassPromtoolCheckMetrics() throws Exception {
        assumeTrue(Tools.onPath("promtool"), "promtool is not installed; .ci/run installs it");
        for (LocalPlatform.Service service : platform.services().values()) {
            String text = HTTP.send(HttpRequest.newBuilder(URI.create(service.managementUrl() + "/q/metrics")).header("Accept", "text/plain").build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Path file = Files.createTempFile("metrics", ".txt");
            Files.writeString(file, text);
            Tools.succeed(file.getParent(), "sh", "-c", "promtool check metrics < " + file);
            Files.delete(file);
        }
    }

    @Test
    @Order(10)
    void aPodKilledWithSigkillIsRestartedWhileTheOthersRunOn() throws Exception {
        platform.supervise((name, restarts, backOff) -> System.out.printf("%s exited; restart %d in %s%n", name, restarts, backOff));
        LocalPlatform.Service socket = platform.service("socket");
        LocalPlatform.Service gateway = platform.service("gateway");
        long gatewayPid = platform.process(gateway).pid().orElseThrow();
        long killedPid = platform.process(socket).pid().orElseThrow();

        platform.process(socket).kill();

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            assertThat(platform.process(socket).pid().orElse(killedPid)).as("a new process").isNotEqualTo(killedPid);
            assertThat(platform.restarts(socket.podName())).isEqualTo(1);
            assertThat(scalar("min_over_time(up{pod=\"" + socket.podName() + "\"}[1m])")).as("its target was seen down").isZero();
            assertThat(scalar("up{pod=\"" + socket.podName() + "\"}")).as("and is scraped again").isEqualTo(1);
        });
        platform.awaitReady(socket);
        assertThat(platform.process(gateway).pid()).as("the others ran on").hasValue(gatewayPid);
        assertThat(platform.restarts(gateway.podName())).isZero();
        PlatformClient.Socket subscriber = open(acmeToken, "after-restart");
        post(acmeToken, "after-restart", "text");
        assertThat(messagesOn(subscriber, 1)).as("the restarted socket delivers").hasSize(1);
    }

    @Test
    @Order(11)
    void theWalkthroughRunsAsPrinted() throws Exception {
        Process bash = new ProcessBuilder("bash", "-euo", "pipefail", "-c",
                String.join("\n", Walkthrough.lines(platform, "walkthrough-" + randomHex(3)))).redirectErrorStream(true).start();
        String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(bash.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(bash.exitValue()).as(output).isZero();
        assertThat(output).as("the message accepted, then metered").contains("HTTP 202").contains("\"text\":1");
    }

    @Test
    @Order(12)
    void aPlatformStartedAgainOnItsStateKeepsUsageKeysAndTokens() throws Exception {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(scalar("max(caas_kafka_consumer_lag)")).as("billing caught up").isZero());
        JsonNode usageBefore = JSON.readTree(client.get("gateway", "/v1/usage", acmeToken).body()).path("totals");
        platform.close();
        platform = LocalPlatform.start(options);
        client = new PlatformClient(platform);

        HttpResponse<String> usage = client.get("gateway", "/v1/usage", acmeToken);
        assertThat(usage.statusCode()).as("a token issued before the restart: " + usage.body()).isEqualTo(200);
        assertThat(JSON.readTree(usage.body()).path("totals")).isEqualTo(usageBefore);
        assertThat(client.token(acme)).as("the API key still verifies (same pepper)").isNotBlank();
        assertThat(TestEvents.readAll(platform.kafka(), TestEvents.TOPIC, Integer.MAX_VALUE, Duration.ofSeconds(3)))
                .as("Kafka kept the messages of before the restart").anyMatch(record -> record.value().contains(acme.id()));
    }

    /** CaasHigh5xxRatio as the rule file has it, with its 5-minute `for` lowered to zero so the test can see it fire. */
    private static Path lowered5xxAlert(Path dir) throws IOException {
        Monitoring.Rule real = Monitoring.rules().stream().filter(r -> r.name().equals("CaasHigh5xxRatio")).findFirst().orElseThrow();
        Path file = dir.resolve("lowered.rules.yml");
        Files.writeString(file, "groups:\n  - name: e2e-lowered\n    rules:\n      - alert: CaasHigh5xxRatioNow\n        expr: "
                + JSON.writeValueAsString(real.expr()) + "\n        for: 0s\n");
        return file;
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    private static void post(String token, String conversation, String type) throws Exception {
        assertThat(client.postMessage(token, conversation, type, "hello " + type).statusCode()).isEqualTo(202);
        accepted++;
    }

    private static PlatformClient.Socket open(String token, String conversation) throws Exception {
        PlatformClient.Socket socket = client.connect(token);
        socket.subscribe(conversation);
        SOCKETS.add(socket);
        return socket;
    }

    private static List<JsonNode> messagesOn(PlatformClient.Socket socket, int count) throws InterruptedException {
        List<JsonNode> messages = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (messages.size() < count && System.nanoTime() < deadline) {
            JsonNode frame = socket.frames().poll(1, TimeUnit.SECONDS);
            if (frame != null && frame.path("op").asText().equals("message")) {
                messages.add(frame.path("message"));
            }
        }
        assertThat(messages).hasSize(count);
        return messages;
    }

    private static int wsUpgradeStatus(String token) throws Exception {
        HttpRequest.Builder upgrade = HttpRequest.newBuilder(URI.create(platform.service("socket").apiUrl() + "/v1/ws")).GET()
                .header("Sec-WebSocket-Version", "13").header("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==");
        if (token != null) {
            upgrade.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(upgrade.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static void assertExactLabels(String name, List<String> metricLabels) throws Exception {
        Set<String> expected = new TreeSet<>(TARGET_LABELS);
        expected.addAll(metricLabels);
        JsonNode series = query(name);
        assertThat(series).as(name).isNotEmpty();
        for (JsonNode one : series) {
            Set<String> labels = new TreeSet<>();
            one.path("metric").fieldNames().forEachRemaining(labels::add);
            assertThat(labels).as(name).isEqualTo(expected);
        }
    }

    private static double scalar(String expr) throws Exception {
        JsonNode result = query(expr);
        assertThat(result).as(expr).hasSize(1);
        return Double.parseDouble(result.get(0).path("value").get(1).asText());
    }

    private static JsonNode query(String expr) throws Exception {
        return prometheus("/api/v1/query", Map.of("query", expr)).path("result");
    }

    private static JsonNode prometheus(String path, Map<String, String> parameters) throws Exception {
        StringBuilder uri = new StringBuilder(platform.prometheusUrl().orElseThrow()).append(path);
        char separator = '?';
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            uri.append(separator).append(parameter.getKey()).append('=').append(URLEncoder.encode(parameter.getValue(), StandardCharsets.UTF_8));
            separator = '&';
        }
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(uri.toString())).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("status").asText()).as(path + " " + parameters + ": " + response.body()).isEqualTo("success");
        return body.path("data");
    }
}
