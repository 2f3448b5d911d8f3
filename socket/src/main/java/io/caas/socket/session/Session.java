package io.caas.socket.session;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.caas.caller.Caller;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;

/**
 * One open connection: its tenant, the token it is authenticated by (re-authentication replaces it), its
 * subscriptions, its unsent pushes and when it was last heard from.
 */
public final class Session {

    private final WebSocketConnection connection;
    private final String tenant;
    private volatile Caller caller;
    private final Set<String> conversations = ConcurrentHashMap.newKeySet();
    private final AtomicInteger pendingSends = new AtomicInteger();
    private final AtomicBoolean disconnecting = new AtomicBoolean();
    private volatile long lastActiveNanos = System.nanoTime();
    private volatile boolean closed;

    private final HttpConnection transport;
    private final Vertx vertx;

    Session(WebSocketConnection connection, Caller caller, HttpConnection transport, Vertx vertx) {
        this.connection = connection;
        this.tenant = caller.tenant();
        this.caller = caller;
        this.transport = transport;
        this.vertx = vertx;
    }

    /**
     * Closes with {@code reason}; a client too slow to even read the close frame within {@code grace} has its
     * TCP connection closed, so a stalled client never keeps a connection (or the gauge) forever. True the first
     * time only: one close frame, one timer, whichever reason came first.
     */
    public boolean disconnect(CloseReason reason, Duration grace) {
        if (!disconnecting.compareAndSet(false, true)) {
            return false;
        }
        connection.close(reason).subscribe().with(ok -> { }, e -> { });
        vertx.setTimer(grace.toMillis(), id -> {
            if (!closed) { // no close handshake yet: the client cannot even read
                transport.close();
            }
        });
        return true;
    }

    /** Closing or closed, for whatever reason (slow, expired, revoked, idle): nothing more is pushed to it. */
    public boolean closing() {
        return disconnecting.get() || closed;
    }

    public WebSocketConnection connection() {
        return connection;
    }

    public String tenant() {
        return tenant;
    }

    /** The token the connection is authenticated by now. */
    public Caller caller() {
        return caller;
    }

    /** A fresh token of the same tenant extends the session (the caller checked the tenant). */
    void reauthenticate(Caller fresh) {
        caller = fresh;
    }

    public Set<String> conversations() {
        return conversations;
    }

    public AtomicInteger pendingSends() {
        return pendingSends;
    }

    void markClosed() {
        closed = true;
    }

    void touch() {
        lastActiveNanos = System.nanoTime();
    }

    long idleNanos(long now) {
        return now - lastActiveNanos;
    }
}
