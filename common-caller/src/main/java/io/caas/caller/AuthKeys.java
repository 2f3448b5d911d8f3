package io.caas.caller;

import java.io.IOException;
import java.net.URI;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.JoseException;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * auth's public keys, by key id, fetched from its JWKS at start and every {@code caas.caller.jwks.refresh-interval}
 * — never on a request's path. When auth cannot be reached the keys in hand stay, for
 * {@code retain-on-error} (24 h): an auth outage locks nobody out. A key id nobody knows is answered at once
 * (not found) and asks for a fetch in the background, at most every {@code min-refresh-interval}, so a rotation is
 * picked up within seconds and a flood of forged key ids costs one fetch.
 */
@ApplicationScoped
public class AuthKeys {

    private static final Logger LOG = Logger.getLogger(AuthKeys.class);

    private record Fetched(Map<String, PublicKey> keys, Instant at) {
    }

    private final URI jwks;
    private final Duration retainOnError;
    private final long minRefreshNanos;
    private final AtomicLong lastOnDemandNanos = new AtomicLong(System.nanoTime() - Long.MAX_VALUE / 2);
    private volatile Fetched fetched = new Fetched(Map.of(), Instant.EPOCH);

    public AuthKeys(CallerConfig config) {
        this.jwks = URI.create(config.authUrl() + "/.well-known/jwks.json");
        this.retainOnError = config.jwks().retainOnError();
        this.minRefreshNanos = config.jwks().minRefreshInterval().toNanos();
    }

    void fetchAtStart(@Observes StartupEvent event) {
        Infrastructure.getDefaultWorkerPool().execute(this::refresh);
    }

    /** Fetches the keys now; on failure the keys in hand stay. */
    @Scheduled(identity = "caas-caller-jwks", every = "${caas.caller.jwks.refresh-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        try {
            Map<String, PublicKey> keys = new HashMap<>();
            for (JsonWebKey key : new JsonWebKeySet(AuthDocuments.fetch(jwks, Duration.ofSeconds(3))).getJsonWebKeys()) {
                if (key instanceof PublicJsonWebKey publicKey && key.getKeyId() != null) {
                    keys.put(key.getKeyId(), publicKey.getPublicKey());
                }
            }
            fetched = new Fetched(Map.copyOf(keys), Instant.now());
        } catch (IOException | JoseException e) {
            LOG.debugf("auth's keys not refreshed, the ones in hand stay: %s", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The key with this id, if auth published it and the keys in hand are not older than the retention. */
    public Optional<PublicKey> key(String keyId) {
        Fetched current = fetched;
        if (Duration.between(current.at(), Instant.now()).compareTo(retainOnError) > 0) {
            refreshSoon();
            return Optional.empty();
        }
        PublicKey key = keyId == null ? null : current.keys().get(keyId);
        if (key == null) {
            refreshSoon();
        }
        return Optional.ofNullable(key);
    }

    /** Whether keys were fetched (and are still retained): a replica without them can verify nothing. */
    public boolean inHand() {
        Fetched current = fetched;
        return !current.keys().isEmpty() && Duration.between(current.at(), Instant.now()).compareTo(retainOnError) <= 0;
    }

    private void refreshSoon() {
        long last = lastOnDemandNanos.get();
        long now = System.nanoTime();
        if (now - last >= minRefreshNanos && lastOnDemandNanos.compareAndSet(last, now)) {
            Infrastructure.getDefaultWorkerPool().execute(this::refresh);
        }
    }
}
