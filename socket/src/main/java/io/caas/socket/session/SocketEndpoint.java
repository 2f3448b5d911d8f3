package io.caas.socket.session;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.caas.caller.Caller;
import io.caas.caller.CallerTenant;
import io.caas.web.input.Ids;
import io.caas.socket.config.SocketConfig;
import io.caas.web.error.ApiException;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnBinaryMessage;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnError;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnPongMessage;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;

/**
 * WebSocket /v1/ws. Clients send {@code {"op":"subscribe"|"unsubscribe","conversation_id":...}} and
 * {@code {"op":"auth","access_token":...}} (a fresh token before the current one expires) and get an ack; anything
 * else gets an error frame and the connection stays open. Message events of subscribed conversations of the
 * caller's tenant are pushed as {@code {"op":"message","message":{...}}}.
 */
@WebSocket(path = "/v1/ws")
public class SocketEndpoint {

    private static final Logger LOG = Logger.getLogger(SocketEndpoint.class);

    private final Sessions sessions;
    private final ObjectMapper json;
    private final SocketConfig config;
    private final CallerTenant caller;

    public SocketEndpoint(Sessions sessions, ObjectMapper json, SocketConfig config, CallerTenant caller) {
        this.sessions = sessions;
        this.json = json;
        this.config = config;
        this.caller = caller;
    }

    // Registering is a few map operations: on the event loop, with no hop to a worker that a first frame could overtake.
    @OnOpen
    @NonBlocking
    void open(WebSocketConnection connection) {
        register(connection);
    }

    @OnClose
    @NonBlocking
    void close(WebSocketConnection connection) {
        sessions.closed(connection);
    }

    @OnPongMessage
    @NonBlocking
    void pong(WebSocketConnection connection, Buffer data) {
        Session session = sessions.get(connection);
        if (session != null) {
            session.touch();
        }
    }

    @OnBinaryMessage
    Uni<Void> binary(WebSocketConnection connection, Buffer data) {
        register(connection).touch();
        return connection.sendText(error("binary_not_supported", "Operations are JSON text frames."));
    }

    @OnTextMessage
    @NonBlocking
    String operation(WebSocketConnection connection, String frame) {
        // Callbacks of one connection run one at a time, but a frame sent the instant the connection opened may
        // be handled before the open callback: it registers the session itself instead of being dropped.
        Session session = register(connection);
        session.touch();
        if (frame.length() > config.maxFrameChars()) {
            return error("frame_too_large", "Operations are at most " + config.maxFrameChars() + " characters.");
        }
        JsonNode op;
        try {
            op = json.readTree(frame);
        } catch (java.io.IOException e) {
            return error("invalid_json", "The frame is not JSON.");
        }
        if (op == null || !op.isObject() || !op.path("op").isTextual()) {
            return error("invalid_request", "A frame is a JSON object with an \"op\".");
        }
        String name = op.get("op").asText();
        if (name.equals("auth")) {
            return reauthenticate(session, op.get("access_token"));
        }
        if (!name.equals("subscribe") && !name.equals("unsubscribe")) {
            return error("unknown_op", "Known operations: subscribe, unsubscribe, auth.");
        }
        JsonNode conversation = op.get("conversation_id");
        if (conversation == null || !conversation.isTextual() || !Ids.isValid(conversation.asText())) {
            return error("invalid_request", "conversation_id " + Ids.RULE + ".");
        }
        String conversationId = conversation.asText();
        if (name.equals("subscribe")) {
            if (!session.conversations().contains(conversationId) && session.conversations().size() >= config.maxSubscriptions()) {
                return error("too_many_subscriptions", "A connection may subscribe to at most " + config.maxSubscriptions() + " conversations.");
            }
            session.conversations().add(conversationId);
        } else {
            session.conversations().remove(conversationId);
        }
        ObjectNode ack = json.createObjectNode().put("op", "ack").put("request", name).put("conversation_id", conversationId);
        return ack.toString();
    }

    /**
     * {@code {"op":"auth","access_token":...}}: a fresh token of the same tenant extends the connection past the
     * expiry of the token it was opened with (verifying is in memory: keys and revocations are fetched on a
     * schedule). A token of another tenant, or one that is not valid, is refused and changes nothing.
     */
    private String reauthenticate(Session session, JsonNode token) {
        if (token == null || !token.isTextual()) {
            return error("invalid_request", "An auth operation carries the new token as \"access_token\".");
        }
        Caller fresh;
        try {
            fresh = caller.verify("Bearer " + token.asText());
        } catch (ApiException e) {
            return error(e.code(), e.getMessage());
        }
        if (!fresh.tenant().equals(session.tenant())) {
            return error("tenant_mismatch", "The token is another tenant's; a connection stays with the tenant it opened with.");
        }
        session.reauthenticate(fresh);
        return json.createObjectNode().put("op", "ack").put("request", "auth").put("expires_at", fresh.expiresAt().toString()).toString();
    }

    /**
     * A message over {@code quarkus.websockets-next.server.max-message-size} fails its connection (Vert.x stops
     * aggregating it): close with 1009 and say why, instead of an abrupt end. Anything else unexpected: 1011.
     */
    @OnError
    Uni<Void> failed(WebSocketConnection connection, IllegalStateException e) {
        if (e.getMessage() != null && e.getMessage().contains("max message size")) {
            return connection.close(new CloseReason(1009, "Frames are at most " + config.maxFrameChars() + " characters."));
        }
        LOG.warnf(e, "WebSocket connection %s failed", connection.id());
        return connection.close(new CloseReason(1011, "The server could not handle the connection."));
    }

    private Session register(WebSocketConnection connection) {
        return sessions.open(connection, connection.userData().get(TokenUpgradeCheck.CALLER),
                connection.userData().get(TokenUpgradeCheck.TRANSPORT));
    }

    private String error(String code, String message) {
        return json.createObjectNode().put("op", "error").put("error", code).put("message", message).toString();
    }
}
