package io.caas.kafka.consumer;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

import io.caas.kafka.KafkaConfig;

/** The consumer loops in SmallRye Health: ready once they have their partitions, live while they poll. */
public final class ConsumerLoopHealth {

    private ConsumerLoopHealth() {
    }

    /** DOWN until every loop has had its partitions: a replica that cannot consume yet takes no traffic. */
    @Readiness
    @ApplicationScoped
    public static class Ready implements HealthCheck {

        private final ConsumerLoops loops;

        public Ready(ConsumerLoops loops) {
            this.loops = loops;
        }

        @Override
        public HealthCheckResponse call() {
            HealthCheckResponseBuilder response = HealthCheckResponse.named("kafka-consumers").up();
            for (ConsumerLoop loop : loops.all()) {
                if (loop.ready()) {
                    response.withData(loop.name(), "partitions " + loop.assignment().size());
                } else {
                    response.withData(loop.name(), "waiting for its partitions").down();
                }
            }
            return response.build();
        }
    }

    /**
     * DOWN when a running loop has not polled for {@code caas.kafka.consumer.liveness-timeout}: a hung consumer
     * gets its pod restarted. A Kafka outage is not a hang (the loop keeps polling); restarts are reported.
     */
    @Liveness
    @ApplicationScoped
    public static class Live implements HealthCheck {

        private final ConsumerLoops loops;
        private final Duration timeout;

        public Live(ConsumerLoops loops, KafkaConfig config) {
            this.loops = loops;
            this.timeout = config.consumer().livenessTimeout();
        }

        @Override
        public HealthCheckResponse call() {
            HealthCheckResponseBuilder response = HealthCheckResponse.named("kafka-consumers").up();
            for (ConsumerLoop loop : loops.all()) {
                Duration since = loop.sinceLastPoll();
                boolean hung = loop.running() && since.compareTo(timeout) > 0;
                response.withData(loop.name(), (hung ? "no poll for " : "polled ") + since.toMillis() + " ms ago, restarts "
                        + loop.restarts());
                if (hung) {
                    response.down();
                }
            }
            return response.build();
        }
    }
}
