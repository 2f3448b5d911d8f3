package io.caas.gateway.message;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The event on {@code caas.messages}: what socket delivers and billing meters. Field names are the wire names. */
@RegisterForReflection
public record MessageEvent(
        String message_id,
        String tenant_id,
        String conversation_id,
        String type,
        String body,
        String client_msg_id,
        String accepted_at) {
}
