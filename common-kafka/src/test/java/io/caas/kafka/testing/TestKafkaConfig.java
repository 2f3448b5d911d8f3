package io.caas.kafka.testing;

import java.time.Duration;

import io.caas.kafka.KafkaConfig;

/** Consumer-loop settings for tests that build loops without Quarkus: short pauses, quick discovery. */
public final class TestKafkaConfig {

    private TestKafkaConfig() {
    }

    public static KafkaConfig fast() {
        KafkaConfig.Consumer consumer = new KafkaConfig.Consumer() {
            @Override
            public Duration retryBackoff() {
                return Duration.ofMillis(200);
            }

            @Override
            public Duration restartBackoff() {
                return Duration.ofMillis(200);
            }

            @Override
            public Duration restartBackoffMax() {
                return Duration.ofSeconds(2);
            }

            @Override
            public Duration livenessTimeout() {
                return Duration.ofSeconds(30);
            }

            @Override
            public Duration rediscoverInterval() {
                return Duration.ofSeconds(1);
            }
        };
        return new KafkaConfig() {
            @Override
            public Duration lagInterval() {
                return Duration.ofSeconds(1);
            }

            @Override
            public Duration requestTimeout() {
                return Duration.ofSeconds(5);
            }

            @Override
            public KafkaConfig.Consumer consumer() {
                return consumer;
            }
        };
    }
}
