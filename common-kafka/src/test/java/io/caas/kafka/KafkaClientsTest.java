package io.caas.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

import io.caas.kafka.testing.TestKafkaConfig;
import io.caas.localinfra.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Whatever is configured under kafka.* (TLS, SASL, timeouts) reaches every producer, consumer and admin client. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class KafkaClientsTest {

    @Inject
    KafkaClients clients;

    @Test
    void theServicesKafkaSettingsReachEveryKindOfClient() {
        for (var known : new java.util.Set[] {ProducerConfig.configNames(), ConsumerConfig.configNames(), AdminClientConfig.configNames()}) {
            @SuppressWarnings("unchecked")
            Map<String, Object> config = clients.config(known, Map.of());
            assertThat(config).containsKey("bootstrap.servers")
                    .containsEntry("client.dns.lookup", "use_all_dns_ips")
                    .containsEntry("reconnect.backoff.max.ms", "2000");
        }
    }

    @Test
    void securitySettingsPassUnchangedAndCallersAddOnlyTheirRole() {
        KafkaClients withSasl = new KafkaClients(Map.of(
                "bootstrap.servers", "broker:9093",
                "security.protocol", "SASL_SSL",
                "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"gateway\" password=\"p\";",
                "group.id", "gateway",
                "not.a.kafka.setting", "x"), "gateway", TestKafkaConfig.fast());
        Map<String, Object> producer = withSasl.config(ProducerConfig.configNames(), Map.of(ProducerConfig.ACKS_CONFIG, "all"));
        assertThat(producer).containsEntry("security.protocol", "SASL_SSL").containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsKey("sasl.jaas.config").containsEntry("acks", "all")
                .doesNotContainKey("not.a.kafka.setting").doesNotContainKey("group.id");
        assertThat(withSasl.config(ConsumerConfig.configNames(), Map.of())).as("no group unless the loop asks for one")
                .doesNotContainKey("group.id").containsEntry("security.protocol", "SASL_SSL");
    }
}
