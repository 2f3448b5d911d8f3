package io.caas.billing.consumer;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The part of a gateway message event that billing meters; {@link #parse} rejects what cannot be metered. */
public record UsageEvent(UUID messageId, String tenantId, String type, LocalDate day) {

    static final Set<String> TYPES = Set.of("text", "image", "file", "system");

    /** Why an event cannot be metered. */
    public static final class Rejected extends Exception {
        Rejected(String reason) {
            super(reason, null, false, false);
        }
    }

    /** Reads an event; the usage day is the UTC day the gateway accepted the message, not when billing saw it. */
    public static UsageEvent parse(ObjectMapper json, byte[] value) throws Rejected {
        JsonNode event;
        try {
            event = value == null ? null : json.readTree(value);
        } catch (java.io.IOException e) {
            throw new Rejected("not JSON");
        }
        if (event == null || !event.isObject()) {
            throw new Rejected("not a JSON object");
        }
        String messageId = text(event, "message_id");
        String tenantId = text(event, "tenant_id");
        String type = text(event, "type");
        String acceptedAt = text(event, "accepted_at");
        if (!TYPES.contains(type)) {
            throw new Rejected("unknown type " + type);
        }
        try {
            return new UsageEvent(UUID.fromString(messageId), tenantId, type,
                    LocalDate.ofInstant(Instant.parse(acceptedAt), ZoneOffset.UTC));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new Rejected("malformed message_id or accepted_at");
        }
    }

    private static String text(JsonNode event, String field) throws Rejected {
        JsonNode node = event.get(field);
        if (node == null || !node.isTextual() || node.asText().isBlank()) {
            throw new Rejected("missing " + field);
        }
        return node.asText();
    }
}
