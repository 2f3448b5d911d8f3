package io.caas.gateway.message;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import jakarta.enterprise.context.ApplicationScoped;

import io.caas.gateway.config.GatewayConfig;
import io.quarkus.scheduler.Scheduled;

/**
 * Remembers, per tenant and for the dedup window, which message a client_msg_id became, so a retried request
 * returns the original message_id instead of producing a second event. A request that arrives while the first
 * is still waiting for Kafka waits for the same outcome. Per replica: retries routed to another replica are
 * not deduplicated here (billing still counts each message_id once).
 */
@ApplicationScoped
public class ClientMessageIds {

    private record Entry(CompletableFuture<Accepted> outcome, long createdNanos) {
    }

    private record Key(String tenant, String clientMsgId) {
    }

    private final ConcurrentHashMap<Key, Entry> entries = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Key> insertionOrder = new ConcurrentLinkedQueue<>();
    private final long windowNanos;
    private final int capacity;

    public ClientMessageIds(GatewayConfig config) {
        this.windowNanos = config.dedupWindow().toNanos();
        this.capacity = config.dedupCapacity();
    }

    /**
     * Claims {@code clientMsgId} for the tenant. Returns null if this caller is the first and must publish
     * (then it calls {@link #complete} or {@link #fail}); otherwise the outcome of the first request.
     */
    public CompletableFuture<Accepted> claim(String tenant, String clientMsgId) {
        Key key = new Key(tenant, clientMsgId);
        Entry mine = new Entry(new CompletableFuture<>(), System.nanoTime());
        Entry existing = entries.putIfAbsent(key, mine);
        if (existing != null && System.nanoTime() - existing.createdNanos() < windowNanos) {
            return existing.outcome();
        }
        if (existing != null) {
            entries.put(key, mine); // expired: this request starts a new window
        }
        insertionOrder.add(key);
        while (entries.size() > capacity) {
            Key oldest = insertionOrder.poll();
            if (oldest == null) {
                break;
            }
            entries.remove(oldest);
        }
        return null;
    }

    public void complete(String tenant, String clientMsgId, Accepted accepted) {
        Entry entry = entries.get(new Key(tenant, clientMsgId));
        if (entry != null) {
            entry.outcome().complete(accepted);
        }
    }

    /** The first request failed: waiting duplicates fail too, and the next retry publishes afresh. */
    public void fail(String tenant, String clientMsgId, Exception cause) {
        Entry entry = entries.remove(new Key(tenant, clientMsgId));
        if (entry != null) {
            entry.outcome().completeExceptionally(cause);
        }
    }

    @Scheduled(identity = "client-msg-id-expiry", every = "1m")
    void expire() {
        long now = System.nanoTime();
        entries.values().removeIf(entry -> now - entry.createdNanos() >= windowNanos);
        insertionOrder.removeIf(key -> !entries.containsKey(key));
    }
}
