package io.caas.gateway.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Configuration of the gateway, under {@code caas.gateway}. */
@ConfigMapping(prefix = "caas.gateway")
public interface GatewayConfig {

    Kafka kafka();

    RateLimit rateLimit();

    Idempotency idempotency();

    /** Longest accepted message body, in characters. */
    @WithDefault("4000")
    int maxBodyChars();

    interface Kafka {
        @WithDefault("caas.messages")
        String topic();

        /** How long a message may wait for Kafka's acknowledgement before the caller gets 503. */
        @WithDefault("5s")
        Duration publishTimeout();

        /**
         * How long the producer waits to fill a batch (Kafka's linger.ms): with many requests in flight, fuller
         * batches cost the broker less per message; see BENCHMARKS.md for the measurement behind the value.
         */
        int lingerMs();
    }

    /** What each replica remembers of client_msg_ids (see IdempotencyKeys). */
    interface Idempotency {
        /** How long a key's first answer is replayed and its reuse with another payload refused. */
        @WithDefault("24h")
        Duration window();

        /** Keys remembered per tenant; beyond, the tenant's own oldest are forgotten. */
        @WithDefault("2000")
        int keysPerTenant();

        /** Tenants whose keys are remembered; beyond, the least recently active tenant's are forgotten. */
        @WithDefault("200")
        int tenants();
    }

    interface RateLimit {
        /** Sustained messages per second per tenant. */
        @WithDefault("50")
        double perSecond();

        /** Messages a tenant may send at once above the sustained rate. */
        @WithDefault("100")
        int burst();
    }
}
