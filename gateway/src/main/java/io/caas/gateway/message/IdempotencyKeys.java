package io.caas.gateway.message;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.caas.gateway.config.GatewayConfig;

/**
 * What this replica remembers of each tenant's idempotency keys (client_msg_ids): the payload each was first used
 * for and when that message was accepted, for {@code caas.gateway.idempotency.window}. Memory is bounded per
 * tenant ({@code keys-per-tenant}, a tenant's oldest keys go first) and in tenants ({@code tenants}, the least
 * recently active go first), so one tenant's flood never evicts another tenant's keys.
 * <p>
 * Exactly-once does not rest on this memory: a key's message id is derived from the key, so a retry that reaches
 * another replica, or comes after a restart or an eviction, is published under the same id and metered and
 * delivered once downstream. What the memory adds: the first answer replayed instead of a second write, a retry
 * that waits for a request still in flight, and a 422 for a key reused with another payload.
 */
@ApplicationScoped
public class IdempotencyKeys {

    /** A key's first use: its payload, and when it was accepted once Kafka acknowledged it. */
    private record Use(Fingerprint payload, CompletableFuture<Instant> acceptedAt) {
    }

    /** What a request with a key is to do. */
    public static final class Claim {

        public enum Kind {
            /** The key is new: publish, then {@link #accepted} or {@link #release} the claim. */
            FIRST,
            /** The key was used for this payload: answer as the first request was (waiting for it if in flight). */
            EARLIER,
            /** The key was used for another payload: 422. */
            CONFLICT
        }

        private final Kind kind;
        private final Use use;
        private final Cache<String, Use> keys;
        private final String key;

        private Claim(Kind kind, Use use, Cache<String, Use> keys, String key) {
            this.kind = kind;
            this.use = use;
            this.keys = keys;
            this.key = key;
        }

        public Kind kind() {
            return kind;
        }

        /** When the first request's message was accepted; completes exceptionally if that request failed. */
        public CompletableFuture<Instant> acceptedAt() {
            return use.acceptedAt();
        }

        /** The first request's message is in Kafka: later uses of the key replay this. */
        public void accepted(Instant acceptedAt) {
            use.acceptedAt().complete(acceptedAt);
        }

        /** The first request failed, whatever the reason: the key is free again and whoever waited is told. */
        public void release(Throwable cause) {
            keys.asMap().remove(key, use);
            use.acceptedAt().completeExceptionally(cause);
        }
    }

    private final Cache<String, Cache<String, Use>> tenants;
    private final GatewayConfig.Idempotency config;

    public IdempotencyKeys(GatewayConfig config) {
        this.config = config.idempotency();
        this.tenants = Caffeine.newBuilder().maximumSize(this.config.tenants()).expireAfterAccess(this.config.window()).build();
    }

    /** Claims {@code key} of {@code tenant} for a message with {@code payload}. */
    public Claim claim(String tenant, String key, Fingerprint payload) {
        Cache<String, Use> keys = tenants.get(tenant, t -> Caffeine.newBuilder()
                .maximumSize(config.keysPerTenant()).expireAfterWrite(config.window()).build());
        Use mine = new Use(payload, new CompletableFuture<>());
        Use earlier = keys.asMap().putIfAbsent(key, mine);
        if (earlier == null) {
            return new Claim(Claim.Kind.FIRST, mine, keys, key);
        }
        return new Claim(earlier.payload().equals(payload) ? Claim.Kind.EARLIER : Claim.Kind.CONFLICT, earlier, keys, key);
    }
}
