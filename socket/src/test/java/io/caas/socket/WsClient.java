package io.caas.socket;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.config.ConfigProvider;

import io.vertx.core.json.JsonObject;

/** A real WebSocket client of /v1/ws (the JDK's), collecting the frames it receives. */
final class WsClient implements AutoCloseable {

    final BlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
    final CompletableFuture<Integer> closedWith = new CompletableFuture<>();
    final CompletableFuture<String> closeReason = new CompletableFuture<>();
    private final WebSocket socket;

    private WsClient(WebSocket.Builder builder, URI uri) {
        this(builder, uri, true, null);
    }

    /**
     * {@code reading=false}: a client that never reads, so what the server sends piles up (a slow client).
     * {@code firstFrame}: sent from the open callback, the instant the upgrade completes.
     */
    private WsClient(WebSocket.Builder builder, URI uri, boolean reading, String firstFrame) {
        StringBuilder partial = new StringBuilder();
        this.socket = builder.buildAsync(uri, new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    frames.add(new JsonObject(partial.toString()));
                    partial.setLength(0);
                }
                webSocket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onBinary(WebSocket webSocket, java.nio.ByteBuffer data, boolean last) {
                webSocket.request(1);
                return null;
            }

            @Override
            public void onOpen(WebSocket webSocket) {
                if (firstFrame != null) {
                    webSocket.sendText(firstFrame, true);
                }
                if (reading) {
                    webSocket.request(1);
                }
            }

            @Override
            public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                closeReason.complete(reason);
                closedWith.complete(statusCode);
                return null;
            }

            @Override
            public void onError(WebSocket webSocket, Throwable error) {
                closeReason.complete(String.valueOf(error));
                closedWith.complete(1006); // what browsers report for a connection that ended without a close frame
            }
        }).orTimeout(10, TimeUnit.SECONDS).join();
    }

    /** Connects with {@code Authorization: Bearer <token>}; a refused upgrade throws. */
    static WsClient withHeader(String token) {
        return withHeader(testPort(), token);
    }

    /** The same, to a socket server listening on {@code port} (a packaged application the test started). */
    static WsClient withHeader(int port, String token) {
        return new WsClient(HttpClient.newHttpClient().newWebSocketBuilder().header("Authorization", "Bearer " + token), uri(port, ""));
    }

    /** Connects but never reads a frame after the first few, as a stalled client. */
    static WsClient notReading(String token) {
        return new WsClient(HttpClient.newHttpClient().newWebSocketBuilder().header("Authorization", "Bearer " + token), uri(""), false, null);
    }

    /** Connects and sends {@code frame} the instant the connection opens, as eager clients do. */
    static WsClient sendingOnOpen(HttpClient http, String token, String frame) {
        return new WsClient(http.newWebSocketBuilder().header("Authorization", "Bearer " + token), uri(""), true, frame);
    }

    /** Connects as a browser does, with the token in the query. */
    static WsClient withQueryToken(String token) {
        return new WsClient(HttpClient.newHttpClient().newWebSocketBuilder(), uri("?access_token=" + token));
    }

    /** The HTTP status of the refused upgrade, or 101 if it was accepted. */
    static int upgradeStatus(String authorizationHeaderOrNull) {
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder();
        if (authorizationHeaderOrNull != null) {
            builder.header("Authorization", authorizationHeaderOrNull);
        }
        try {
            builder.buildAsync(uri(""), new WebSocket.Listener() { }).orTimeout(10, TimeUnit.SECONDS).join().abort();
            return 101;
        } catch (CompletionException e) {
            if (e.getCause() instanceof java.net.http.WebSocketHandshakeException handshake) {
                return handshake.getResponse().statusCode();
            }
            throw e;
        }
    }

    void send(String frame) {
        socket.sendText(frame, true).orTimeout(10, TimeUnit.SECONDS).join();
    }

    void sendBinary(byte[] data) {
        socket.sendBinary(java.nio.ByteBuffer.wrap(data), true).orTimeout(10, TimeUnit.SECONDS).join();
    }

    /** Sends a subscribe and returns the server's answer. */
    JsonObject subscribe(String conversation) throws InterruptedException {
        send("{\"op\":\"subscribe\",\"conversation_id\":\"" + conversation + "\"}");
        return next(Duration.ofSeconds(10));
    }

    JsonObject next(Duration wait) throws InterruptedException {
        return frames.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Drops the TCP connection without a close frame, as a crashed client or a lost network does. */
    void abort() {
        socket.abort();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(10, TimeUnit.SECONDS).join();
        }
    }

    private static URI uri(String query) {
        return uri(testPort(), query);
    }

    private static URI uri(int port, String query) {
        return URI.create("ws://127.0.0.1:" + port + "/v1/ws" + query);
    }

    private static int testPort() {
        return ConfigProvider.getConfig().getOptionalValue("quarkus.http.test-port", Integer.class).orElse(8081);
    }
}
