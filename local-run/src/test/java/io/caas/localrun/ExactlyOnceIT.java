package io.caas.localrun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.caas.kafka.testing.TestEvents;
import io.caas.localinfra.ServiceProcess;
import io.caas.metrics.testing.PrometheusText;

/**
 * Each client_msg_id is metered and delivered once, across the faults that used to double-count it: a Kafka
 * acknowledgement that comes after the gateway gave up, a retry that reaches the other gateway replica, and one
 * replica of gateway, socket and billing each killed with SIGKILL in the middle of a stream. The platform runs as
 * bin/run-local --replicas auth=2,gateway=2,socket=2,billing=2 does: two of each behind round-robin fronts, supervised.
 */
class ExactlyOnceIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static LocalPlatform platform;
    private static PlatformClient client;

    @BeforeAll
    static void startPlatform() throws Exception {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("caas.gateway.kafka.publish-timeout", "2s");
        properties.put("caas.gateway.rate-limit.per-second", "10000");
        properties.put("caas.gateway.rate-limit.burst", "10000");
        properties.put("caas.kafka.lag-interval", "1s");
        Path runDir = Path.of("target/exactly-once-it").toAbsolutePath();
        Files.createDirectories(runDir);
        // Two of auth too: tokens come from either replica (its front) and verify everywhere only if both sign with one key.
        platform = LocalPlatform.start(LocalPlatform.Options.onFreePorts(runDir, Map.of("auth", 2, "gateway", 2, "socket", 2, "billing", 2), false,
                Optional.empty(), List.of(), properties));
        platform.supervise((name, restarts, backOff) -> System.out.printf("%s exited; restart %d in %s%n", name, restarts, backOff));
        client = new PlatformClient(platform);
    }

    @AfterAll
    static void stopPlatform() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void aRetryAfterALateKafkaAcknowledgementIsMeteredAndDeliveredOnce() throws Exception {
        PlatformClient.Tenant tenant = client.createTenant("late-ack");
        String token = client.token(tenant);
        PlatformClient.Socket socket = subscribed(token);
        LocalPlatform.Service gateway = platform.service("gateway");
        // A message first, so the gateway's producer knows the topic: what it sends next reaches the broker.
        String warmUp = messageId(client.postMessage(gateway, token, "c", "warm-up", "late-0").body());

        platform.kafka().pause();
        HttpResponse<String> first;
        try {
            first = client.postMessage(gateway, token, "c", "written late", "late-1");
        } finally {
            platform.kafka().resume();
        }
        assertThat(first.statusCode()).as("Kafka did not acknowledge in time: %s", first.body()).isEqualTo(503);
        String messageId = await().atMost(Duration.ofSeconds(30)).until(
                () -> client.postMessage(gateway, token, "c", "written late", "late-1"), r -> r.statusCode() == 202)
                .body().transform(ExactlyOnceIT::messageId);

        // The fault was real: the first attempt was written after all, so Kafka holds the message more than once.
        await().atMost(Duration.ofSeconds(20)).until(() -> TestEvents.readAll(platform.kafka(), TestEvents.TOPIC, Integer.MAX_VALUE,
                Duration.ofSeconds(2)).stream().filter(r -> r.value().contains(tenant.id()) && r.value().contains("\"late-1\"")).count() >= 2);
        assertMeteredOnceEach(token, 2);
        assertDeliveredOnce(socket, List.of(warmUp, messageId));
        socket.close();
    }

    @Test
    void theSameKeyPostedToBothReplicasIsMeteredAndDeliveredOnce() throws Exception {
        String token = client.token(client.createTenant("two-replicas"));
        PlatformClient.Socket socket = subscribed(token);
        List<CompletableFuture<HttpResponse<String>>> posts = new ArrayList<>();
        for (LocalPlatform.Service gateway : platform.replicas("gateway")) {
            posts.add(CompletableFuture.supplyAsync(() -> post(gateway, token, "c", "once", "both-1")));
        }
        List<String> ids = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> post : posts) {
            HttpResponse<String> response = post.get(30, TimeUnit.SECONDS);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
            ids.add(messageId(response.body()));
        }
        assertThat(ids).as("both replicas answer with the one message id").containsOnly(ids.get(0));
        assertMeteredOnceEach(token, 1);
        assertDeliveredOnce(socket, List.of(ids.get(0)));
        socket.close();
    }

    @Test
    void oneReplicaOfGatewaySocketAndBillingKilledMidStreamLosesNothingCountsNothingTwiceAndComesBack() throws Exception {
        String token = client.token(client.createTenant("killed-replicas"));
        int messages = 2_000;
        LocalPlatform.Service survivingSocket = platform.replicas("socket").get(1);
        List<PlatformClient.Socket> listeners = new ArrayList<>();
        for (int conversation = 0; conversation < 10; conversation++) {
            PlatformClient.Socket listener = client.connect(survivingSocket, token);
            listener.subscribe("stream-" + conversation);
            listeners.add(listener);
        }
        Map<String, String> acceptedIds = new ConcurrentHashMap<>(); // message id -> conversation
        ExecutorService clients = Executors.newFixedThreadPool(16);
        List<CompletableFuture<Void>> stream = new ArrayList<>();
        for (int i = 0; i < messages; i++) {
            int n = i;
            // Each message is retried through the gateway's front until it gets its 202: what a well-behaved client does.
            stream.add(CompletableFuture.runAsync(() -> {
                while (true) {
                    HttpResponse<String> response = answerOrNull(() -> client.postKeyed(token, "stream-" + n % 10, "message " + n, "stream-" + n));
                    if (response != null && response.statusCode() == 202) {
                        acceptedIds.put(messageId(response.body()), "stream-" + n % 10);
                        return;
                    }
                    sleep(50);
                }
            }, clients));
        }
        await().atMost(Duration.ofSeconds(120)).until(() -> acceptedIds.size() >= messages / 4);
        List<LocalPlatform.Service> killed = List.of(platform.replicas("gateway").get(0), platform.replicas("socket").get(0),
                platform.replicas("billing").get(0));
        killed.forEach(pod -> platform.process(pod).kill());
        CompletableFuture.allOf(stream.toArray(CompletableFuture[]::new)).get(300, TimeUnit.SECONDS);
        clients.shutdown();

        for (LocalPlatform.Service pod : killed) {
            await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
                assertThat(platform.restarts(pod.podName())).as("%s restarted by the supervisor", pod.podName()).isEqualTo(1);
                assertThat(status(pod.managementUrl() + "/q/health/ready")).isEqualTo(200);
                assertThat(status(pod.managementUrl() + "/q/metrics")).as("its metrics answer again").isEqualTo(200);
            });
        }
        assertThat(acceptedIds).hasSize(messages);
        assertMeteredOnceEach(token, messages);
        for (int conversation = 0; conversation < 10; conversation++) {
            String name = "stream-" + conversation;
            Set<String> expected = acceptedIds.entrySet().stream().filter(e -> e.getValue().equals(name)).map(Map.Entry::getKey)
                    .collect(Collectors.toSet());
            assertThat(pushedIds(listeners.get(conversation), expected.size())).as("%s on the surviving socket replica, once each", name)
                    .doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
        }
        listeners.forEach(PlatformClient.Socket::close);
    }

    private static PlatformClient.Socket subscribed(String token) throws Exception {
        PlatformClient.Socket socket = client.connect(token);
        socket.subscribe("c");
        return socket;
    }

    /** Once billing has caught up (its lag is 0), the tenant's text messages metered are exactly {@code expected}. */
    private static void assertMeteredOnceEach(String token, long expected) throws Exception {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            assertThat(billingLag()).isZero();
            assertThat(client.usageTotals(token).path("text").asLong()).isEqualTo(expected);
        });
        Thread.sleep(2000); // a late duplicate would land now, if it were to be counted
        assertThat(billingLag()).isZero();
        assertThat(client.usageTotals(token).path("text").asLong()).as("metered exactly once each").isEqualTo(expected);
    }

    private static void assertDeliveredOnce(PlatformClient.Socket socket, List<String> messageIds) throws InterruptedException {
        assertThat(pushedIds(socket, messageIds.size())).as("one frame per message").containsExactlyElementsOf(messageIds);
    }

    /** Billing's lag over all its replicas (each partition is reported by the one replica that owns it). */
    private static double billingLag() throws IOException, InterruptedException {
        List<PrometheusText.Sample> lag = new ArrayList<>();
        for (LocalPlatform.Service billing : platform.replicas("billing")) {
            String text = HTTP.send(HttpRequest.newBuilder(URI.create(billing.managementUrl() + "/q/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            lag.addAll(PrometheusText.parse(text).named("caas_kafka_consumer_lag"));
        }
        assertThat(lag).as("billing reports its lag").isNotEmpty();
        return lag.stream().mapToDouble(PrometheusText.Sample::value).sum();
    }

    /** The message ids pushed on {@code socket}, in order, until {@code count} distinct ones arrived and 3 s passed without more. */
    private static List<String> pushedIds(PlatformClient.Socket socket, int count) throws InterruptedException {
        List<String> ids = new ArrayList<>();
        JsonNode frame;
        while ((frame = socket.frames().poll(Set.copyOf(ids).size() < count ? 30 : 3, TimeUnit.SECONDS)) != null) {
            if (frame.path("op").asText().equals("message")) {
                ids.add(frame.path("message").path("message_id").asText());
            }
        }
        return ids;
    }

    private static int status(String url) {
        return ServiceProcess.status(URI.create(url));
    }

    /** One POST to one gateway replica; null when it did not answer at all (killed, restarting). */
    private static HttpResponse<String> post(LocalPlatform.Service gateway, String token, String conversation, String body, String key) {
        return answerOrNull(() -> client.postMessage(gateway, token, conversation, body, key));
    }

    /** A request's answer; null when nothing answered (its replica killed or restarting). */
    private static HttpResponse<String> answerOrNull(Callable<HttpResponse<String>> request) {
        try {
            return request.call();
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String messageId(String body) {
        try {
            return JSON.readTree(body).path("message_id").asText();
        } catch (IOException e) {
            throw new IllegalStateException(body, e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
