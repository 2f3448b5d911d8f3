package io.caas.kafka;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How the shared consumer loop behaves, under {@code caas.kafka}. How clients reach Kafka (bootstrap servers,
 * TLS, SASL) is not here: that is Quarkus' {@code kafka.*} configuration, which {@link KafkaClients} passes on.
 */
@ConfigMapping(prefix = "caas.kafka")
public interface KafkaConfig {

    /** How often each consumer loop's lag is read from the brokers (off the consumer's thread). */
    @WithDefault("5s")
    Duration lagInterval();

    /** How long one request to the brokers made on the side (lag, probes) may take. */
    @WithDefault("5s")
    Duration requestTimeout();

    Consumer consumer();

    interface Consumer {
        /** Pause before a batch whose handler found a dependency down is tried again. */
        @WithDefault("1s")
        Duration retryBackoff();

        /** First pause before a consumer is recreated after an unexpected error; doubles up to the maximum. */
        @WithDefault("1s")
        Duration restartBackoff();

        @WithDefault("30s")
        Duration restartBackoffMax();

        /** Liveness is DOWN when a running loop has not polled for this long: a hung loop gets its pod restarted. */
        @WithDefault("60s")
        Duration livenessTimeout();

        /** How often a loop that reads every partition looks for partitions added to its topic. */
        @WithDefault("30s")
        Duration rediscoverInterval();
    }
}
