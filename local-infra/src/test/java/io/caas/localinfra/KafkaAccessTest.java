package io.caas.localinfra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Kafka is not open: a client without credentials gets nothing, and each service principal can do what its job
 * needs and nothing more. Above all, no principal but the gateway can put an event into caas.messages, so a forged
 * event (another tenant's, free of charge) is impossible.
 */
class KafkaAccessTest {

    private static KafkaBroker broker;

    @BeforeAll
    static void start() {
        broker = new KafkaBroker(Path.of("target", "kafka-access-test")).start();
    }

    @AfterAll
    static void stop() {
        broker.stop();
    }

    @Test
    void aClientWithoutCredentialsIsRefused() {
        Map<String, Object> anonymous = new HashMap<>(Map.of("bootstrap.servers", broker.bootstrapServers(),
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 5000));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(anonymous, new StringSerializer(), new StringSerializer())) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(PlatformKafka.MESSAGES, "forged")).get(10, TimeUnit.SECONDS))
                    .as("a PLAINTEXT client gets no metadata from a SASL listener")
                    .hasRootCauseInstanceOf(org.apache.kafka.common.errors.TimeoutException.class);
        }
        Map<String, Object> wrongPassword = new HashMap<>(broker.clientProperties("gateway"));
        wrongPassword.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"gateway\" password=\"guess\";");
        wrongPassword.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5000);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(wrongPassword, new StringSerializer(), new StringSerializer())) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(PlatformKafka.MESSAGES, "forged")).get(10, TimeUnit.SECONDS))
                    .hasRootCauseInstanceOf(org.apache.kafka.common.errors.SaslAuthenticationException.class);
        }
    }

    @Test
    void onlyTheGatewayMayWriteMessagesAndAForgedEventIsImpossible() throws Exception {
        try (KafkaProducer<String, String> gateway = producer("gateway")) {
            gateway.send(new ProducerRecord<>(PlatformKafka.MESSAGES, "k", "accepted by the gateway")).get(10, TimeUnit.SECONDS);
        }
        for (String principal : List.of("socket", "billing")) {
            try (KafkaProducer<String, String> forger = producer(principal)) {
                assertThatThrownBy(() -> forger.send(new ProducerRecord<>(PlatformKafka.MESSAGES, "k", "forged")).get(10, TimeUnit.SECONDS))
                        .as(principal + " writing caas.messages").hasCauseInstanceOf(AuthorizationException.class);
            }
        }
    }

    @Test
    void eachServiceReadsOnlyWhatItsJobNeeds() throws Exception {
        try (KafkaConsumer<String, String> socket = consumer("socket", null)) {
            socket.assign(List.of(new TopicPartition(PlatformKafka.MESSAGES, 0)));
            socket.seekToBeginning(socket.assignment());
            socket.poll(Duration.ofSeconds(1)); // allowed: socket reads every partition without a group
        }
        try (KafkaConsumer<String, String> gateway = consumer("gateway", null)) {
            gateway.assign(List.of(new TopicPartition(PlatformKafka.MESSAGES, 0)));
            gateway.seekToBeginning(gateway.assignment());
            assertThatThrownBy(() -> gateway.poll(Duration.ofSeconds(5))).as("the gateway reading messages")
                    .isInstanceOf(TopicAuthorizationException.class);
        }
        try (KafkaConsumer<String, String> socketInBillingsGroup = consumer("socket", PlatformKafka.BILLING_GROUP)) {
            socketInBillingsGroup.subscribe(List.of(PlatformKafka.MESSAGES));
            assertThatThrownBy(() -> socketInBillingsGroup.poll(Duration.ofSeconds(5))).as("socket joining billing's group")
                    .isInstanceOf(GroupAuthorizationException.class);
        }
    }

    @Test
    void billingMayParkDeadLettersButNobodyElse() throws Exception {
        try (KafkaProducer<String, String> billing = producer("billing")) {
            billing.send(new ProducerRecord<>(PlatformKafka.DEAD_LETTERS, "k", "parked")).get(10, TimeUnit.SECONDS);
        }
        try (KafkaProducer<String, String> gateway = producer("gateway")) {
            assertThatThrownBy(() -> gateway.send(new ProducerRecord<>(PlatformKafka.DEAD_LETTERS, "k", "x")).get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(TopicAuthorizationException.class);
        }
    }

    private static KafkaProducer<String, String> producer(String principal) {
        Properties props = new Properties();
        props.putAll(broker.clientProperties(principal));
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10000);
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    private static KafkaConsumer<String, String> consumer(String principal, String group) {
        Properties props = new Properties();
        props.putAll(broker.clientProperties(principal));
        if (group != null) {
            props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        }
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
    }
}
