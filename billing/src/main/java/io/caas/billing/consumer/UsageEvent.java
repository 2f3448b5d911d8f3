package io.caas.billing.consumer;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

import io.caas.kafka.event.MessageEvent;

/** What billing meters of a message event: one message of a type, for a tenant, on the UTC day it was accepted. */
public record UsageEvent(UUID messageId, String tenantId, String type, LocalDate day) {

    /** The usage of a valid event; the day is when the gateway accepted the message, not when billing saw it. */
    public static UsageEvent of(MessageEvent event) {
        return new UsageEvent(UUID.fromString(event.message_id()), event.tenant_id(), event.type(),
                LocalDate.ofInstant(event.acceptedAt(), ZoneOffset.UTC));
    }
}
