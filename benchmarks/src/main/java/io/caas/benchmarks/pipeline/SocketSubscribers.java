package io.caas.benchmarks.pipeline;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import io.caas.localrun.LocalPlatform;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;

/**
 * One WebSocket per tenant on socket ({@code /v1/ws?access_token=...}, as browsers connect), subscribed to the
 * tenant's conversations. Each pushed message's body goes to a listener with the instant it arrived; the server
 * closing a socket (slow client, expired token) is counted and reported, since its messages would count as lost.
 */
final class SocketSubscribers implements AutoCloseable {

    /** Told of each pushed message: its body and {@link System#nanoTime()} when its frame arrived. */
    interface Listener {
        void delivered(String body, long arrivedNanos);
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final WebSocketClient client;
    private final List<WebSocket> sockets = new ArrayList<>();
    private final AtomicInteger closedByServer = new AtomicInteger();
    private volatile boolean closing;

    private SocketSubscribers(Vertx vertx, int connections) {
        client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(connections));
    }

    static SocketSubscribers connect(Vertx vertx, LocalPlatform.Service socket, List<LoadTenant> tenants,
            List<String> conversations, Listener listener) throws InterruptedException {
        SocketSubscribers subscribers = new SocketSubscribers(vertx, tenants.size());
        CountDownLatch acks = new CountDownLatch(tenants.size() * conversations.size());
        for (LoadTenant tenant : tenants) {
            WebSocket webSocket = subscribers.open(socket, tenant, acks, listener);
            conversations.forEach(conversation -> webSocket.writeTextMessage(
                    new JsonObject().put("op", "subscribe").put("conversation_id", conversation).encode()));
        }
        if (!acks.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            throw new IllegalStateException(acks.getCount() + " subscriptions were not acknowledged within " + TIMEOUT);
        }
        return subscribers;
    }

    /** Sockets the server closed so far. */
    int closedByServer() {
        return closedByServer.get();
    }

    private WebSocket open(LocalPlatform.Service socket, LoadTenant tenant, CountDownLatch acks, Listener listener)
            throws InterruptedException {
        WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(socket.apiPort())
                .setURI("/v1/ws?access_token=" + URLEncoder.encode(tenant.token(), StandardCharsets.UTF_8));
        try {
            WebSocket webSocket = client.connect(options).map(connected -> {
                connected.textMessageHandler(text -> {
                    long arrived = System.nanoTime();
                    JsonObject frame = new JsonObject(text);
                    switch (frame.getString("op", "")) {
                        case "message" -> listener.delivered(frame.getJsonObject("message").getString("body"), arrived);
                        case "ack" -> acks.countDown();
                        default -> System.err.println("socket of tenant " + tenant.id() + " answered: " + text);
                    }
                });
                connected.closeHandler(closed -> {
                    if (!closing) {
                        closedByServer.incrementAndGet();
                        System.err.println("socket closed the connection of tenant " + tenant.id() + ": "
                                + connected.closeStatusCode() + " " + connected.closeReason());
                    }
                });
                return connected;
            }).toCompletionStage().toCompletableFuture().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            sockets.add(webSocket);
            return webSocket;
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("WebSocket upgrade for tenant " + tenant.id() + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        closing = true;
        sockets.forEach(WebSocket::close);
        client.close();
    }
}
