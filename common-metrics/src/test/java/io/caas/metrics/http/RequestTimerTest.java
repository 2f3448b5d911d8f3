package io.caas.metrics.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.caas.metrics.meter.CatalogMeters;
import io.caas.metrics.testing.PrometheusText;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.Router;

/**
 * {@link RequestTimer} keeps each request's start in a timing object reused from a per-thread pool. Under many
 * concurrent requests whose responses end in another order than they started (on the event loop, on another
 * thread, and by the client closing the connection), every request is still recorded exactly once, under its own
 * route and status, with its own duration: a timing handed out again while its request is in flight would record
 * one request twice and another never. A plain Vert.x server rather than a Quarkus app, so the requests' end order
 * is under the test's control.
 */
class RequestTimerTest {

    private static final String REQUESTS = "caas_http_requests_total";
    private static final long SLOW_MILLIS = 60;
    private static final int PER_ROUTE = 600;
    private static final int HUNG = 40;

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final ExecutorService otherThread = Executors.newSingleThreadExecutor();
    private final AtomicInteger hungReceived = new AtomicInteger();
    private Vertx vertx;
    private int port;

    @BeforeEach
    void startServer() throws Exception {
        vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        router.route().handler(new RequestTimer(new HttpMetrics(new CatalogMeters(registry, metric -> 100)),
                Set.of("/fast", "/slow", "/elsewhere", "/hung")));
        router.get("/fast").handler(rc -> rc.response().setStatusCode(200).end());
        router.get("/slow").handler(rc -> rc.vertx().setTimer(SLOW_MILLIS, id -> rc.response().setStatusCode(503).end()));
        router.get("/elsewhere").handler(rc -> otherThread.execute(() -> rc.response().setStatusCode(202).end()));
        router.get("/hung").handler(rc -> hungReceived.incrementAndGet());
        port = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).actualPort();
    }

    @AfterEach
    void stop() throws Exception {
        otherThread.shutdownNow();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void everyRequestIsRecordedOnceUnderItsOwnRouteStatusAndDuration() throws Exception {
        List<Socket> hung = openHungRequests();
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setDefaultPort(port).setDefaultHost("127.0.0.1"),
                new PoolOptions().setHttp1MaxSize(50));
        List<CompletableFuture<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < PER_ROUTE; i++) {
            for (String route : List.of("/fast", "/slow", "/elsewhere")) {
                answers.add(client.request(HttpMethod.GET, route)
                        .compose(request -> request.send())
                        .map(response -> response.statusCode())
                        .toCompletionStage().toCompletableFuture());
            }
        }
        CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        for (Socket socket : hung) {
            socket.close();
        }

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(recorded("/hung", "200")).isEqualTo(HUNG));
        assertThat(recorded("/fast", "200")).isEqualTo(PER_ROUTE);
        assertThat(recorded("/slow", "503")).isEqualTo(PER_ROUTE);
        assertThat(recorded("/elsewhere", "202")).isEqualTo(PER_ROUTE);
        PrometheusText scrape = PrometheusText.parse(registry.scrape());
        assertThat(scrape.named(REQUESTS)).as("no other series").hasSize(4);
        assertThat(scrape.value("caas_request_duration_seconds_bucket", Map.of("method", "GET", "path", "/slow", "le", "0.05")))
                .as("every slow request took its own %d ms or more", SLOW_MILLIS).isZero();
        assertThat(scrape.value("caas_request_duration_seconds_count", Map.of("method", "GET", "path", "/slow")))
                .isEqualTo(PER_ROUTE);
    }

    /** Requests the server has received and never answers; the test closes their connections later. */
    private List<Socket> openHungRequests() throws Exception {
        List<Socket> sockets = new ArrayList<>();
        for (int i = 0; i < HUNG; i++) {
            Socket socket = new Socket("127.0.0.1", port);
            OutputStream out = socket.getOutputStream();
            out.write("GET /hung HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            sockets.add(socket);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> hungReceived.get() == HUNG);
        return sockets;
    }

    private double recorded(String path, String status) {
        return PrometheusText.parse(registry.scrape()).value(REQUESTS, Map.of("method", "GET", "path", path, "status", status));
    }
}
