package io.caas.kafka.event;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.caas.web.input.Dates;
import io.caas.web.input.Ids;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The event on {@code caas.messages}: written by the gateway once per accepted message, delivered by socket,
 * metered by billing. Field names are the wire names. {@link #parse} is the contract's gate on the consuming
 * side: what it accepts, every consumer (and PostgreSQL) can process.
 */
@RegisterForReflection
public record MessageEvent(
        String message_id,
        String tenant_id,
        String conversation_id,
        String type,
        String body,
        String client_msg_id,
        String accepted_at,
        String received_at) {

    /** Longest body an event may carry: more than the gateway's 16 KiB request limit can hold. */
    public static final int MAX_BODY_CHARS = 16_384;

    /** The span of {@code accepted_at} the platform accepts: the APIs' date window ({@link Dates}), to the instant. */
    public static final Instant EARLIEST = Dates.EARLIEST.atStartOfDay(ZoneOffset.UTC).toInstant();
    public static final Instant LATEST = Dates.LATEST.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();

    /** The record key: one conversation of one tenant stays on one partition, in order. */
    public String key() {
        return tenant_id + "/" + conversation_id;
    }

    public Instant acceptedAt() {
        return Instant.parse(accepted_at);
    }

    /**
     * When the gateway received the request (before any queueing in front of its handler), so delivery latency is
     * what the client saw; events without it (older gateways, other producers) fall back to {@code accepted_at}.
     */
    public Instant receivedAt() {
        return received_at == null ? acceptedAt() : Instant.parse(received_at);
    }

    public byte[] toJson(ObjectMapper json) {
        try {
            return json.writeValueAsBytes(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A message event always serializes", e);
        }
    }

    /** Reads and checks an event; {@link InvalidEvent} says what is wrong with it. */
    public static MessageEvent parse(ObjectMapper json, byte[] value) throws InvalidEvent {
        JsonNode event;
        try {
            event = value == null ? null : json.readTree(value);
        } catch (IOException e) {
            throw new InvalidEvent("not JSON");
        }
        if (event == null || !event.isObject()) {
            throw new InvalidEvent("not a JSON object");
        }
        String messageId = required(event, "message_id");
        try {
            UUID.fromString(messageId);
        } catch (IllegalArgumentException e) {
            throw new InvalidEvent("message_id is not a UUID");
        }
        String tenant = id("tenant_id", required(event, "tenant_id"));
        String conversation = id("conversation_id", required(event, "conversation_id"));
        String type = required(event, "type");
        if (MessageType.fromWire(type).isEmpty()) {
            throw new InvalidEvent("unknown type " + printable(type));
        }
        JsonNode body = event.get("body");
        if (body == null || !body.isTextual()) {
            throw new InvalidEvent("missing body");
        }
        if (body.asText().length() > MAX_BODY_CHARS) {
            throw new InvalidEvent("body longer than " + MAX_BODY_CHARS + " characters");
        }
        JsonNode clientMsgId = event.get("client_msg_id");
        String clientId = clientMsgId == null || clientMsgId.isNull() ? null : id("client_msg_id", clientMsgId.asText());
        String acceptedAt = required(event, "accepted_at");
        instantInRange("accepted_at", acceptedAt);
        JsonNode receivedAtNode = event.get("received_at");
        String receivedAt = receivedAtNode == null || receivedAtNode.isNull() ? null : receivedAtNode.asText();
        if (receivedAt != null) {
            instantInRange("received_at", receivedAt);
        }
        return new MessageEvent(messageId, tenant, conversation, type, body.asText(), clientId, acceptedAt, receivedAt);
    }

    private static String required(JsonNode event, String field) throws InvalidEvent {
        JsonNode node = event.get(field);
        if (node == null || !node.isTextual() || node.asText().isBlank()) {
            throw new InvalidEvent("missing " + field);
        }
        return node.asText();
    }

    private static String id(String field, String value) throws InvalidEvent {
        if (!Ids.isValid(value)) {
            throw new InvalidEvent(field + " " + Ids.RULE);
        }
        return value;
    }

    private static void instantInRange(String field, String value) throws InvalidEvent {
        Instant instant;
        try {
            instant = Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidEvent(field + " is not an ISO-8601 instant");
        }
        if (instant.isBefore(EARLIEST) || !instant.isBefore(LATEST)) {
            throw new InvalidEvent(field + " is outside " + EARLIEST + " .. " + LATEST);
        }
    }

    /** A value fit for a log line or a header: at most 64 characters, control characters escaped. */
    private static String printable(String value) {
        StringBuilder out = new StringBuilder();
        value.codePoints().limit(64).forEach(c -> {
            if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return value.length() > 64 ? out + "..." : out.toString();
    }
}
