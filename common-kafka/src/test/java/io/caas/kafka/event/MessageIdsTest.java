package io.caas.kafka.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;

class MessageIdsTest {

    @Test
    void isTheStandardVersion5Uuid() {
        // RFC 9562's DNS namespace and the value every uuid5 implementation gives for this name (e.g. Python's).
        UUID dns = UUID.fromString("6ba7b810-9dad-11d1-80b4-00c04fd430c8");
        assertThat(MessageIds.nameBased(dns, "python.org")).hasToString("886313e1-3b8a-5372-9b90-0c9aee199e5d");
    }

    @Test
    void theSameTenantAndKeyGiveTheSameIdAndNothingElseDoes() {
        String id = MessageIds.forClientMessage("acme", "retry-7");
        assertThat(MessageIds.forClientMessage("acme", "retry-7")).isEqualTo(id);
        assertThat(UUID.fromString(id).version()).isEqualTo(5);
        assertThat(MessageIds.forClientMessage("acme", "retry-8")).isNotEqualTo(id);
        assertThat(MessageIds.forClientMessage("globex", "retry-7")).isNotEqualTo(id);
    }
}
