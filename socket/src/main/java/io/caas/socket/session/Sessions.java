package io.caas.socket.session;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.caas.caller.Caller;
import io.caas.caller.Revocations;
import io.caas.metrics.catalog.MetricCatalog;
import io.caas.metrics.meter.CatalogMeters;
import io.caas.socket.config.SocketConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;

/**
 * The open connections of this server, by id and by tenant. {@code caas_socket_connections_active} reads the
 * registry's size, so it is exact by construction: a connection counts from open to close, whatever closed it.
 */
@ApplicationScoped
public class Sessions {

    private static final Logger LOG = Logger.getLogger(Sessions.class);

    private final ConcurrentHashMap<String, Session> byId = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Set<Session>> byTenant = new ConcurrentHashMap<>();
    /** The close codes of a connection whose authority ended (4000-4999 are the application's to define). */
    public static final CloseReason EXPIRED = new CloseReason(4401, "token expired: reconnect or re-authenticate with a fresh token");
    public static final CloseReason REVOKED = new CloseReason(4403, "the API key that minted the token was revoked");

    private final long idleTimeoutNanos;
    private final Vertx vertx;
    private final Revocations revocations;

    public Sessions(CatalogMeters meters, SocketConfig config, Vertx vertx, Revocations revocations) {
        this.idleTimeoutNanos = config.idleTimeout().toNanos();
        this.vertx = vertx;
        this.revocations = revocations;
        meters.gauge(MetricCatalog.SOCKET_CONNECTIONS_ACTIVE, byId, ConcurrentHashMap::size, serverId(config));
    }

    /**
     * Registers the connection's session, once: a second call returns the same session. The tenant's set is
     * changed inside {@code compute}, atomically with {@link #closed}'s removal of an emptied set, so a reconnect
     * racing the close of the tenant's last connection can never land in a set that is no longer in the map. A
     * connection that is already closed (a late frame handled after the close callback) is not registered again:
     * checked after registering, so either this check or the close callback removes it.
     */
    Session open(WebSocketConnection connection, Caller caller, HttpConnection transport) {
        Session session = byId.computeIfAbsent(connection.id(), id -> new Session(connection, caller, transport, vertx));
        byTenant.compute(session.tenant(), (t, sessions) -> {
            Set<Session> tenantSessions = sessions == null ? ConcurrentHashMap.newKeySet() : sessions;
            tenantSessions.add(session);
            return tenantSessions;
        });
        if (connection.isClosed()) {
            closed(connection);
        }
        return session;
    }

    void closed(WebSocketConnection connection) {
        Session session = byId.remove(connection.id());
        if (session != null) {
            session.markClosed();
            byTenant.computeIfPresent(session.tenant(), (tenant, sessions) -> {
                sessions.remove(session);
                return sessions.isEmpty() ? null : sessions;
            });
        }
    }

    Session get(WebSocketConnection connection) {
        return byId.get(connection.id());
    }

    /** The tenant's open sessions; never another tenant's. */
    public Collection<Session> ofTenant(String tenant) {
        Set<Session> sessions = byTenant.get(tenant);
        return sessions == null ? List.of() : sessions;
    }

    /**
     * Closes every connection whose token expired (4401) or whose API key was revoked (4403), within a second: a
     * token's authority ends when it does, also for a connection opened with it. A client that wants to stay
     * connected re-authenticates in band with a fresh token before its expiry.
     */
    @Scheduled(identity = "socket-token-expiry", every = "1s")
    void closeUnauthorized() {
        Instant now = Instant.now();
        for (Session session : byId.values()) {
            Caller caller = session.caller();
            if (revocations.isRevoked(caller.keyId())) {
                session.disconnect(REVOKED, Duration.ofSeconds(2));
            } else if (!now.isBefore(caller.expiresAt())) {
                session.disconnect(EXPIRED, Duration.ofSeconds(2));
            }
        }
    }

    @Scheduled(identity = "socket-idle-connections", every = "${caas.socket.idle-check-interval}")
    void closeIdle() {
        long now = System.nanoTime();
        for (Session session : byId.values()) {
            if (session.idleNanos(now) > idleTimeoutNanos) {
                session.disconnect(new CloseReason(1001, "idle timeout"), Duration.ofSeconds(2));
            }
        }
    }

    /** Going away: every client is told with 1001 so it reconnects elsewhere. */
    void shutdown(@Observes ShutdownEvent event) {
        for (Session session : byId.values()) {
            try {
                session.connection().closeAndAwait(new CloseReason(1001, "server shutting down"));
            } catch (RuntimeException e) {
                LOG.debugf(e, "Connection %s was already gone", session.connection().id());
            }
        }
    }

    private static String serverId(SocketConfig config) {
        return config.serverId().filter(id -> !id.isBlank()).orElseGet(() -> {
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                return "unknown";
            }
        });
    }
}
