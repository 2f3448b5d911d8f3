package io.caas.socket;

import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** Message events as the gateway writes them (key tenant/conversation), produced to the real broker. */
final class Events {

    private Events() {
    }

    /** Produces one event per body, in order, and returns their message ids. */
    static List<String> produce(String bootstrapServers, String tenant, String conversation, String type, List<String> bodies) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        List<String> ids = bodies.stream().map(b -> UUID.randomUUID().toString()).toList();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < bodies.size(); i++) {
                String event = "{\"message_id\":\"" + ids.get(i) + "\",\"tenant_id\":\"" + tenant + "\",\"conversation_id\":\""
                        + conversation + "\",\"type\":\"" + type + "\",\"body\":\"" + bodies.get(i)
                        + "\",\"client_msg_id\":null,\"accepted_at\":\"" + Instant.now() + "\"}";
                producer.send(new ProducerRecord<>("caas.messages", tenant + "/" + conversation, event));
            }
            producer.flush();
        }
        return ids;
    }

    static String uniqueTenant(String prefix) {
        return prefix + "-" + Long.toHexString(System.nanoTime());
    }
}
