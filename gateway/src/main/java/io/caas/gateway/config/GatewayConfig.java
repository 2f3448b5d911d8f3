package io.caas.gateway.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Configuration of the gateway, under {@code caas.gateway}. */
@ConfigMapping(prefix = "caas.gateway")
public interface GatewayConfig {

    Kafka kafka();

    RateLimit rateLimit();

    /** How long a tenant's client_msg_id is remembered, so a retry returns the original message_id. */
    @WithDefault("10m")
    Duration dedupWindow();

    /** Most client_msg_ids remembered at once (per replica); the oldest are forgotten first. */
    @WithDefault("100000")
    int dedupCapacity();

    /** Longest accepted message body, in characters. */
    @WithDefault("4000")
    int maxBodyChars();

    interface Kafka {
        @WithDefault("caas.messages")
        String topic();

        /** How long a message may wait for Kafka's acknowledgement before the caller gets 503. */
        @WithDefault("5s")
        Duration publishTimeout();
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
