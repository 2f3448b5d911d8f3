package io.caas.socket.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.caas.caller.Caller;
import io.caas.metrics.meter.CatalogMeters;
import io.caas.socket.config.SocketConfig;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.quarkus.websockets.next.WebSocketConnection;

/**
 * Reconnects race closes of the same tenant: two threads each open and close connections of one tenant, thousands
 * of times. Every session, while open, must be in the tenant's delivery set, or it is counted and pinged but never
 * delivered to.
 */
class SessionsRaceTest {

    private static final int PAIRS = 200_000;

    @Test
    void everyOpenSessionIsInItsTenantsSetThroughConcurrentOpensAndCloses() {
        Sessions sessions = new Sessions(new CatalogMeters(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), m -> 100),
                config(), null, null);
        AtomicInteger lost = new AtomicInteger();
        Runnable reconnecting = () -> {
            String thread = Thread.currentThread().getName();
            for (int i = 0; i < PAIRS; i++) {
                WebSocketConnection connection = connection(thread + "-" + i);
                Session session = sessions.open(connection, new Caller("tenant", "key", Instant.MAX), null);
                if (!sessions.ofTenant("tenant").contains(session)) {
                    lost.incrementAndGet();
                }
                sessions.closed(connection);
            }
        };
        CompletableFuture.allOf(CompletableFuture.runAsync(reconnecting), CompletableFuture.runAsync(reconnecting)).join();
        assertThat(lost.get()).as("open sessions missing from their tenant's delivery set").isZero();
        assertThat(sessions.ofTenant("tenant")).as("all closed").isEmpty();
    }

    @Test
    void aFrameHandledAfterTheCloseDoesNotRegisterTheSessionAgain() {
        Sessions sessions = new Sessions(new CatalogMeters(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), m -> 100),
                config(), null, null);
        WebSocketConnection closed = connection("late-frame", true);
        sessions.closed(closed);
        sessions.open(closed, new Caller("tenant", "key", Instant.MAX), null);
        assertThat(sessions.ofTenant("tenant")).as("no session for a closed connection").isEmpty();
        assertThat(sessions.get(closed)).isNull();
    }

    private static WebSocketConnection connection(String id) {
        return connection(id, false);
    }

    private static WebSocketConnection connection(String id, boolean closed) {
        return (WebSocketConnection) Proxy.newProxyInstance(SessionsRaceTest.class.getClassLoader(),
                new Class<?>[] {WebSocketConnection.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "id" -> id;
                    case "isClosed" -> closed;
                    case "hashCode" -> id.hashCode();
                    case "equals" -> proxy == args[0];
                    case "toString" -> id;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static SocketConfig config() {
        return (SocketConfig) Proxy.newProxyInstance(SessionsRaceTest.class.getClassLoader(), new Class<?>[] {SocketConfig.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "serverId" -> Optional.of("race-test");
                    case "idleTimeout" -> Duration.ofMinutes(5);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
