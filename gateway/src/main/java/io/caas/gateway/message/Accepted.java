package io.caas.gateway.message;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The 202 body: the message is in Kafka under this id. */
@RegisterForReflection
public record Accepted(String message_id, String accepted_at) {
}
