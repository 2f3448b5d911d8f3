package io.caas.localrun;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** What a client of the platform does, over its public APIs: tenants, keys, tokens, messages, usage, WebSockets. */
public final class PlatformClient {

    /** A tenant as auth created it: its id and its API key (shown once). */
    public record Tenant(String id, String apiKey) {
        /** The public part of the key, {@code ck_<key id>_<secret>}. */
        public String keyId() {
            return apiKey.split("_")[1];
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final LocalPlatform platform;

    public PlatformClient(LocalPlatform platform) {
        this.platform = platform;
    }

    public Tenant createTenant(String name) throws IOException, InterruptedException {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("auth", "/v1/tenants"))
                .header("Authorization", "Bearer " + platform.adminToken()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("name", name)))));
        JsonNode body = expect(response, 201);
        return new Tenant(body.path("tenant_id").asText(), body.path("api_key").asText());
    }

    /** Revokes the tenant's API key (the admin API); its tokens stop working within a revocation poll. */
    public void revokeKey(Tenant tenant) throws IOException, InterruptedException {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("auth", "/v1/tenants/" + tenant.id() + "/api-keys/" + tenant.keyId()))
                .header("Authorization", "Bearer " + platform.adminToken()).DELETE());
        if (response.statusCode() != 204) {
            throw new IllegalStateException("revoking " + tenant.keyId() + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    public String token(Tenant tenant) throws IOException, InterruptedException {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("auth", "/v1/tokens")).header("X-API-Key", tenant.apiKey())
                .POST(HttpRequest.BodyPublishers.noBody()));
        return expect(response, 200).path("access_token").asText();
    }

    /** POST /v1/messages; the response as it came (202, or an error). */
    public HttpResponse<String> postMessage(String token, String conversationId, String type, String body)
            throws IOException, InterruptedException {
        return postRaw(token, JSON.writeValueAsString(Map.of("conversation_id", conversationId, "type", type, "body", body)));
    }

    /** POST /v1/messages with a client_msg_id, to the gateway's address (its front with several replicas). */
    public HttpResponse<String> postKeyed(String token, String conversationId, String body, String clientMsgId)
            throws IOException, InterruptedException {
        return postRaw(platform.apiUrl("gateway"), token, keyed(conversationId, body, clientMsgId));
    }

    /** POST /v1/messages with a client_msg_id to one gateway replica; the response as it came. */
    public HttpResponse<String> postMessage(LocalPlatform.Service gateway, String token, String conversationId, String body,
            String clientMsgId) throws IOException, InterruptedException {
        return postRaw(gateway.apiUrl(), token, keyed(conversationId, body, clientMsgId));
    }

    private static String keyed(String conversationId, String body, String clientMsgId) throws IOException {
        return JSON.writeValueAsString(Map.of("conversation_id", conversationId, "type", "text", "body", body, "client_msg_id", clientMsgId));
    }

    /** POST /v1/messages with any body, for bad requests. */
    public HttpResponse<String> postRaw(String token, String body) throws IOException, InterruptedException {
        return postRaw(platform.apiUrl("gateway"), token, body);
    }

    private HttpResponse<String> postRaw(String gatewayUrl, String token, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gatewayUrl + "/v1/messages"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request);
    }

    /** The tenant's usage totals by type, as billing metered them (GET /v1/usage through the gateway). */
    public JsonNode usageTotals(String token) throws IOException, InterruptedException {
        return expect(get("gateway", "/v1/usage", token), 200).path("totals");
    }

    public HttpResponse<String> get(String service, String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(service, path)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request);
    }

    /** Opens a WebSocket on socket with the token in the query (as browsers do); frames arrive in {@link Socket#frames()}. */
    public Socket connect(String token) throws InterruptedException {
        return connect(platform.apiPort("socket"), token);
    }

    /** The same, to one socket replica. */
    public Socket connect(LocalPlatform.Service socketReplica, String token) throws InterruptedException {
        return connect(socketReplica.apiPort(), token);
    }

    private Socket connect(int port, String token) throws InterruptedException {
        Socket socket = new Socket();
        String url = "ws://127.0.0.1:" + port + "/v1/ws"
                + (token == null ? "" : "?access_token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
        try {
            socket.webSocket = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5)).buildAsync(URI.create(url), socket)
                    .get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("WebSocket upgrade failed: " + e.getMessage(), e);
        }
        return socket;
    }

    /** A client connection to socket. */
    public static final class Socket implements WebSocket.Listener {
        private final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();
        private final CompletableFuture<Integer> closedWith = new CompletableFuture<>();
        private WebSocket webSocket;

        public BlockingQueue<JsonNode> frames() {
            return frames;
        }

        /** The close code the server closed the connection with, once it did. */
        public CompletableFuture<Integer> closedWith() {
            return closedWith;
        }

        public void send(String frame) {
            webSocket.sendText(frame, true).join();
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
            closedWith.complete(statusCode);
            return null;
        }

        /** Subscribes and waits for the ack. */
        public void subscribe(String conversationId) throws InterruptedException, IOException {
            webSocket.sendText(JSON.writeValueAsString(Map.of("op", "subscribe", "conversation_id", conversationId)), true).join();
            JsonNode ack = frames.poll(10, TimeUnit.SECONDS);
            if (ack == null || !ack.path("op").asText().equals("ack")) {
                throw new IllegalStateException("no ack for subscribe " + conversationId + ": " + ack);
            }
        }

        public void close() {
            if (!webSocket.isOutputClosed()) {
                webSocket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
            }
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    frames.add(JSON.readTree(partial.toString()));
                } catch (IOException e) {
                    throw new IllegalStateException("not JSON: " + partial, e);
                }
                partial.setLength(0);
            }
            socket.request(1);
            return null;
        }
    }

    private URI uri(String service, String path) {
        return URI.create(platform.apiUrl(service) + path);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(Duration.ofSeconds(15)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode expect(HttpResponse<String> response, int status) throws IOException {
        if (response.statusCode() != status) {
            throw new IllegalStateException(response.request().uri() + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }
}
