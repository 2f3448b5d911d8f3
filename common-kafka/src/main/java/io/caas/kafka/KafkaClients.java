package io.caas.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.smallrye.common.annotation.Identifier;

/**
 * The one place Kafka clients are configured. Every producer, consumer and admin client starts from Quarkus'
 * {@code kafka.*} configuration (the {@code default-kafka-broker} map: {@code kafka.bootstrap.servers},
 * {@code kafka.security.protocol}, {@code kafka.sasl.*}, {@code kafka.ssl.*}, ... or their environment variables),
 * so connection and security settings reach all of them unchanged; callers add only what their role needs.
 */
@ApplicationScoped
public class KafkaClients {

    private final Map<String, Object> broker;
    private final String application;
    private final Duration requestTimeout;
    private Admin sharedAdmin;

    public KafkaClients(@Identifier("default-kafka-broker") Map<String, Object> broker,
            @ConfigProperty(name = "quarkus.application.name") String application, KafkaConfig config) {
        this.broker = Map.copyOf(broker);
        this.application = application;
        this.requestTimeout = config.requestTimeout();
    }

    /** The client id of this service's {@code role} client, e.g. {@code billing-consumer}: how brokers and quotas see it. */
    public String clientId(String role) {
        return application + "-" + role;
    }

    /**
     * The service's one admin client for side requests (lag, probes), its waits bounded by
     * {@code caas.kafka.request-timeout}; closed with the application.
     */
    public synchronized Admin sharedAdmin() {
        if (sharedAdmin == null) {
            int timeoutMs = Math.toIntExact(requestTimeout.toMillis());
            sharedAdmin = admin(Map.of(AdminClientConfig.CLIENT_ID_CONFIG, clientId("admin"),
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs,
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs));
        }
        return sharedAdmin;
    }

    @PreDestroy
    public synchronized void close() {
        if (sharedAdmin != null) {
            sharedAdmin.close(Duration.ofSeconds(2));
        }
    }

    /**
     * The settings of a producer that must never report a write it does not have: every send acknowledged by all
     * in-sync replicas (acks=all), written once (idempotent), batched for at most {@code lingerMs}, and every wait —
     * metadata, one request, the whole delivery — bounded by {@code timeout}. The gateway publishes with them; the
     * pipeline benchmark's bare producer uses the same, so the two compare like with like.
     */
    public static Map<String, Object> acknowledgedProducerSettings(Duration timeout, int lingerMs) {
        int timeoutMs = Math.toIntExact(timeout.toMillis());
        return Map.of(
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, lingerMs,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMs,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.max(1000, timeoutMs / 2),
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeoutMs);
    }

    /** A producer: the shared settings, then {@code settings} (acks, idempotence, timeouts, client.id, ...). */
    public <K, V> KafkaProducer<K, V> producer(Map<String, Object> settings, Serializer<K> keys, Serializer<V> values) {
        return new KafkaProducer<>(config(ProducerConfig.configNames(), settings), keys, values);
    }

    /** A consumer of raw records: the shared settings, then {@code settings}. */
    public KafkaConsumer<byte[], byte[]> consumer(Map<String, Object> settings) {
        return new KafkaConsumer<>(config(ConsumerConfig.configNames(), settings), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }

    /** An admin client: the shared settings, then {@code settings}; the caller closes it. */
    private Admin admin(Map<String, Object> settings) {
        return Admin.create(config(AdminClientConfig.configNames(), settings));
    }

    /**
     * The shared settings a client of this kind understands, then {@code settings}. Keys another kind of client
     * would use (Quarkus adds {@code group.id} for consumers, for instance) are left out, so no client warns about
     * settings it does not know and no consumer joins a group it was not given.
     */
    Map<String, Object> config(Set<String> known, Map<String, Object> settings) {
        Map<String, Object> config = new HashMap<>();
        broker.forEach((key, value) -> {
            if (known.contains(key) && !key.equals(ConsumerConfig.GROUP_ID_CONFIG)) {
                config.put(key, value);
            }
        });
        config.putAll(settings);
        return config;
    }
}
