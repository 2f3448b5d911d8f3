package io.caas.benchmarks.pipeline;

import io.caas.localrun.LocalPlatform;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

/** POST /v1/messages through Vert.x' web client: keep-alive connections from one pool, the answer's status code. */
final class GatewayClient {

    // Longer than the gateway's publish timeout (5 s) and its safety net (1 s): the gateway answers (503) first.
    private static final long REQUEST_TIMEOUT_MS = 8000;

    private final WebClient client;

    GatewayClient(Vertx vertx, LocalPlatform.Service gateway, int connections) {
        this.client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(gateway.apiPort())
                .setMaxPoolSize(connections).setKeepAlive(true).setConnectTimeout(5000));
    }

    /** Sends a text message as {@code tenant}; the HTTP status it was answered with (202 when it is in Kafka). */
    Future<Integer> post(LoadTenant tenant, String conversation, String body) {
        JsonObject message = new JsonObject().put("conversation_id", conversation).put("type", "text").put("body", body);
        return client.post("/v1/messages").putHeader(HttpHeaders.AUTHORIZATION.toString(), tenant.authorization())
                .putHeader(HttpHeaders.CONTENT_TYPE.toString(), "application/json").timeout(REQUEST_TIMEOUT_MS)
                .sendBuffer(message.toBuffer()).map(HttpResponse::statusCode);
    }
}
