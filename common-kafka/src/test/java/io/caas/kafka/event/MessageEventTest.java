package io.caas.kafka.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The event contract: what the gateway writes is what socket and billing accept, and nothing a database rejects. */
class MessageEventTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void whatTheGatewayWritesIsReadBackUnchanged() throws Exception {
        MessageEvent written = new MessageEvent(UUID.randomUUID().toString(), "acme", "c-1", "image", "hi \u0000 there", "retry:7",
                "2026-11-21T10:15:30.123Z", "2026-11-21T10:15:29.871Z");
        MessageEvent read = MessageEvent.parse(json, written.toJson(json));
        assertThat(read).isEqualTo(written);
        assertThat(read.key()).isEqualTo("acme/c-1");
        assertThat(read.receivedAt()).isEqualTo(java.time.Instant.parse("2026-11-21T10:15:29.871Z"));
    }

    @Test
    void anEventWithoutReceivedAtMeasuresFromItsAcceptance() throws Exception {
        MessageEvent read = MessageEvent.parse(json, event("\"tenant_id\":\"acme\"", "\"type\":\"text\"",
                "\"accepted_at\":\"2026-01-01T00:00:00Z\"").getBytes(StandardCharsets.UTF_8));
        assertThat(read.received_at()).isNull();
        assertThat(read.receivedAt()).isEqualTo(read.acceptedAt());
        assertRejected(event("\"tenant_id\":\"acme\"", "\"type\":\"text\"", "\"accepted_at\":\"2026-01-01T00:00:00Z\""
                + ",\"received_at\":\"1970-01-01T00:00:00Z\""), "received_at is outside");
    }

    @Test
    void rejectsWhatNoConsumerCouldProcess() {
        assertRejected("{not json", "not JSON");
        assertRejected("[1]", "not a JSON object");
        assertRejected(event("\"tenant_id\":\"acme\"", "\"type\":\"video\"", "\"accepted_at\":\"2026-01-01T00:00:00Z\""),
                "unknown type video");
        assertRejected(event("\"tenant_id\":\"acme\"", "\"type\":\"text\"", "\"accepted_at\":null"), "missing accepted_at");
        assertRejected("{\"message_id\":\"42\",\"tenant_id\":\"a\",\"conversation_id\":\"c\",\"type\":\"text\",\"body\":\"b\",\"accepted_at\":\"2026-01-01T00:00:00Z\"}",
                "message_id is not a UUID");
    }

    @Test
    void rejectsWhatPostgresqlWouldRefuse() {
        assertRejected(event("\"tenant_id\":\"ac\\u0000me\"", "\"type\":\"text\"", "\"accepted_at\":\"2026-01-01T00:00:00Z\""),
                "tenant_id must be 1-128 characters");
        assertRejected(event("\"tenant_id\":\"" + "t".repeat(8192) + "\"", "\"type\":\"text\"", "\"accepted_at\":\"2026-01-01T00:00:00Z\""),
                "tenant_id must be 1-128 characters");
        assertRejected(event("\"tenant_id\":\"acme\"", "\"type\":\"text\"", "\"accepted_at\":\"+999999-01-01T00:00:00Z\""),
                "accepted_at is outside");
        assertRejected(event("\"tenant_id\":\"acme\"", "\"type\":\"text\"", "\"accepted_at\":\"1970-01-01T00:00:00Z\""),
                "accepted_at is outside");
    }

    @Test
    void anUnknownTypeIsReportedPrintably() {
        assertRejected(event("\"tenant_id\":\"acme\"", "\"type\":\"v\\u0001" + "x".repeat(100) + "\"", "\"accepted_at\":\"2026-01-01T00:00:00Z\""),
                "unknown type v\\u0001xxx");
    }

    private void assertRejected(String event, String reason) {
        assertThatThrownBy(() -> MessageEvent.parse(json, event.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidEvent.class).hasMessageStartingWith(reason);
    }

    private static String event(String tenant, String type, String acceptedAt) {
        return "{\"message_id\":\"" + UUID.randomUUID() + "\"," + tenant + ",\"conversation_id\":\"c\"," + type
                + ",\"body\":\"b\",\"client_msg_id\":null," + acceptedAt + "}";
    }

    @Test
    void theWindowIsWideEnoughForAnyRealClock() {
        assertThat(MessageEvent.EARLIEST).isBefore(Instant.parse("2001-01-01T00:00:00Z"));
        assertThat(MessageEvent.LATEST).isAfter(Instant.parse("2200-12-31T23:59:59Z"));
    }
}
