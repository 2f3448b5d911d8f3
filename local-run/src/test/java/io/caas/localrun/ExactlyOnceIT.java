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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.caas.kafka.testing.TestEvents;
import io.caas.metrics.scrape.PrometheusText;

/**
 * Each client_msg_id is metered and delivered once, across the faults that used to double-count it: a Kafka
 * acknowledgement that comes after the gateway gave up, a retry that reaches the other gateway replica, and a
 * gateway killed with SIGKILL in the middle of a stream. The platform runs with two gateway replicas.
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
        platform = LocalPlatform.start(LocalPlatform.Options.onFreePorts(runDir, Map.of("gateway", 2), false, Optional.empty(),
                List.of(), properties));
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
    void aGatewayKilledInTheMiddleOfAStreamOfRetriedPostsLosesNothingAndCountsNothingTwice() throws Exception {
        String token = client.token(client.createTenant("killed-gateway"));
        int messages = 2_000;
        List<LocalPlatform.Service> gateways = platform.replicas("gateway");
        AtomicInteger accepted = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(16);
        List<CompletableFuture<Void>> stream = new ArrayList<>();
        for (int i = 0; i < messages; i++) {
            int n = i;
            // Each message is retried, alternating replicas, until it gets its 202: what a well-behaved client does.
            stream.add(CompletableFuture.runAsync(() -> {
                for (int attempt = 0; ; attempt++) {
                    HttpResponse<String> response = post(gateways.get((n + attempt) % gateways.size()), token, "stream-" + n % 10,
                            "message " + n, "stream-" + n);
                    if (response != null && response.statusCode() == 202) {
                        accepted.incrementAndGet();
                        return;
                    }
                    sleep(50);
                }
            }, clients));
        }
        await().atMost(Duration.ofSeconds(120)).until(() -> accepted.get() >= messages / 4);
        LocalPlatform.Service killed = gateways.get(0);
        platform.process(killed).kill();
        platform.process(killed).start();
        platform.awaitReady(killed);
        CompletableFuture.allOf(stream.toArray(CompletableFuture[]::new)).get(300, TimeUnit.SECONDS);
        clients.shutdown();
        assertThat(accepted.get()).isEqualTo(messages);
        assertMeteredOnceEach(token, messages);
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
        List<String> delivered = new ArrayList<>();
        JsonNode frame;
        while ((frame = socket.frames().poll(delivered.size() < messageIds.size() ? 20 : 3, TimeUnit.SECONDS)) != null) {
            if (frame.path("op").asText().equals("message")) {
                delivered.add(frame.path("message").path("message_id").asText());
            }
        }
        assertThat(delivered).as("one frame per message").containsExactlyElementsOf(messageIds);
    }

    private static double billingLag() throws IOException, InterruptedException {
        String text = HTTP.send(HttpRequest.newBuilder(URI.create(platform.service("billing").managementUrl() + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        List<PrometheusText.Sample> lag = PrometheusText.parse(text).named("caas_kafka_consumer_lag");
        assertThat(lag).as("billing reports its lag").isNotEmpty();
        return lag.stream().mapToDouble(PrometheusText.Sample::value).sum();
    }

    /** One POST; null when the replica did not answer at all (killed, restarting). */
    private static HttpResponse<String> post(LocalPlatform.Service gateway, String token, String conversation, String body, String key) {
        try {
            return client.postMessage(gateway, token, conversation, body, key);
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
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
