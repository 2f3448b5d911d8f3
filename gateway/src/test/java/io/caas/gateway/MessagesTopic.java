package io.caas.gateway;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.caas.kafka.testing.TestEvents;
import io.caas.localinfra.KafkaBroker;
import io.vertx.core.json.JsonObject;

/** Reads caas.messages from the beginning, as a consumer of the gateway's events would. */
final class MessagesTopic {

    /** One record: key, headers, and the event JSON. */
    record Event(String key, Map<String, String> headers, JsonObject value) {
        String field(String name) {
            return value.getString(name);
        }
    }

    private MessagesTopic() {
    }

    /** Every event on the topic, waiting until {@code until} holds for one of them (or 30 s pass). */
    static List<Event> readUntil(KafkaBroker kafka, Predicate<Event> until) {
        return TestEvents.readUntil(kafka, TestEvents.TOPIC, records -> records.stream().map(MessagesTopic::event).anyMatch(until),
                Duration.ofSeconds(30)).stream().map(MessagesTopic::event).toList();
    }

    private static Event event(ConsumerRecord<String, String> record) {
        Map<String, String> headers = new LinkedHashMap<>();
        record.headers().forEach(h -> headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8)));
        return new Event(record.key(), headers, new JsonObject(record.value()));
    }

    static List<Event> ofTenant(List<Event> events, String tenant) {
        return events.stream().filter(e -> tenant.equals(e.field("tenant_id"))).collect(Collectors.toList());
    }
}
