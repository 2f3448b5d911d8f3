package io.caas.socket.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Configuration of socket, under {@code caas.socket}. */
@ConfigMapping(prefix = "caas.socket")
public interface SocketConfig {

    /** The {@code server_id} label; empty means the host name. */
    Optional<String> serverId();

    /** Longest client operation frame, in characters; longer ones get an error frame. */
    @WithDefault("4096")
    int maxFrameChars();

    /** Conversations one connection may subscribe to. */
    @WithDefault("100")
    int maxSubscriptions();

    /** Pushes a connection may have unsent before it counts as a slow client and is disconnected. */
    @WithDefault("256")
    int sendBufferLimit();

    /** A connection with no frame and no pong for this long is closed. */
    @WithDefault("5m")
    Duration idleTimeout();

    /** How often idle connections are looked for. */
    @WithDefault("30s")
    Duration idleCheckInterval();

    /** Message ids remembered to push an event Kafka holds twice only once (~100 bytes each). */
    @WithDefault("100000")
    int recentMessageIds();

    Kafka kafka();

    interface Kafka {
        @WithDefault("caas.messages")
        String topic();
    }
}
