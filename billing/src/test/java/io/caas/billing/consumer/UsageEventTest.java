package io.caas.billing.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.caas.kafka.event.InvalidEvent;
import io.caas.kafka.event.MessageEvent;
import io.caas.kafka.testing.TestEvents;

/** What billing meters of a message event: its id, tenant and type, on the UTC day the gateway accepted it. */
class UsageEventTest {

    @Test
    void metersTheMessageOfItsTenantAndType() {
        UUID id = UUID.randomUUID();
        assertThat(UsageEvent.of(event(id.toString(), "acme", "image", "2026-11-21T10:15:30Z")))
                .isEqualTo(new UsageEvent(id, "acme", "image", LocalDate.of(2026, 11, 21)));
    }

    @Test
    void countsOnTheUtcDayOfAcceptance() {
        assertThat(dayOf("2026-11-21T23:59:59.999999999+00:00")).isEqualTo(LocalDate.of(2026, 11, 21));
        assertThat(dayOf("2026-11-22T00:00:00.000000001Z")).isEqualTo(LocalDate.of(2026, 11, 22));
        assertThat(dayOf("2026-11-22T01:30:00+02:00")).as("local day 22nd, UTC day 21st").isEqualTo(LocalDate.of(2026, 11, 21));
        assertThat(dayOf("2026-11-21T23:30:00-02:00")).as("local day 21st, UTC day 22nd").isEqualTo(LocalDate.of(2026, 11, 22));
    }

    @Test
    void aMalformedMessageIdIsRefusedWhenTheConsumerParsesTheRecord() {
        // BillingConsumer meters UsageEvent.of(MessageEvent.parse(...)) and parks an InvalidEvent in the dead-letter topic
        byte[] record = TestEvents.message("42", "acme", "text", Instant.parse("2026-11-21T10:15:30Z"))
                .getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> UsageEvent.of(MessageEvent.parse(new ObjectMapper(), record)))
                .isInstanceOf(InvalidEvent.class).hasMessage("message_id is not a UUID");
    }

    @Test
    void anUnparsedEventWithAMalformedIdIsNotMeteredUnderAnInventedId() {
        assertThatThrownBy(() -> UsageEvent.of(event("42", "acme", "text", "2026-11-21T10:15:30Z")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static LocalDate dayOf(String acceptedAt) {
        return UsageEvent.of(event(UUID.randomUUID().toString(), "acme", "text", acceptedAt)).day();
    }

    private static MessageEvent event(String messageId, String tenant, String type, String acceptedAt) {
        return new MessageEvent(messageId, tenant, "c", type, "b", null, acceptedAt, null);
    }
}
