package io.caas.socket.session;

import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.caas.socket.config.SocketConfig;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnPongMessage;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.buffer.Buffer;

/**
 * WebSocket /v1/ws. Clients send {@code {"op":"subscribe"|"unsubscribe","conversation_id":...}} and get an ack;
 * anything else gets an error frame and the connection stays open. Message events of subscribed
 * conversations of the caller's tenant are pushed as {@code {"op":"message","message":{...}}}.
 */
@WebSocket(path = "/v1/ws")
public class SocketEndpoint {

    private static final Pattern CONVERSATION_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private final Sessions sessions;
    private final ObjectMapper json;
    private final SocketConfig config;

    public SocketEndpoint(Sessions sessions, ObjectMapper json, SocketConfig config) {
        this.sessions = sessions;
        this.json = json;
        this.config = config;
    }

    @OnOpen
    void open(WebSocketConnection connection) {
        sessions.open(connection, connection.userData().get(TokenUpgradeCheck.TENANT),
                connection.userData().get(TokenUpgradeCheck.TRANSPORT));
    }

    @OnClose
    void close(WebSocketConnection connection) {
        sessions.closed(connection);
    }

    @OnPongMessage
    void pong(WebSocketConnection connection, Buffer data) {
        Session session = sessions.get(connection);
        if (session != null) {
            session.touch();
        }
    }

    @OnTextMessage
    String operation(WebSocketConnection connection, String frame) {
        Session session = sessions.get(connection);
        if (session == null) {
            return error("closed", "The connection is closing.");
        }
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
        if (!name.equals("subscribe") && !name.equals("unsubscribe")) {
            return error("unknown_op", "Known operations: subscribe, unsubscribe.");
        }
        JsonNode conversation = op.get("conversation_id");
        if (conversation == null || !conversation.isTextual() || !CONVERSATION_ID.matcher(conversation.asText()).matches()) {
            return error("invalid_request", "conversation_id must be 1-128 characters of letters, digits, '.', '_', ':' or '-'.");
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

    private String error(String code, String message) {
        return json.createObjectNode().put("op", "error").put("error", code).put("message", message).toString();
    }
}
