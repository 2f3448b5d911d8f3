package io.caas.gateway.message;

/** The 202 body: the message is in Kafka under this id. */
public record Accepted(String message_id, String accepted_at) {
}
