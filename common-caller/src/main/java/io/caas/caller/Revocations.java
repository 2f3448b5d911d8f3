package io.caas.caller;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.scheduler.Scheduled;

/**
 * The API keys auth revoked recently (within a token's lifetime: older revocations can have no live token), fetched
 * every {@code caas.caller.revocations.poll-interval} (2 s) from auth's {@code /.well-known/revocations.json}.
 * Polling auth, rather than a Kafka topic, because revocations originate there: while auth is unreachable nobody can
 * revoke anything, and the set in hand stays complete. A token minted by a revoked key stops working everywhere
 * within one poll.
 */
@ApplicationScoped
public class Revocations {

    private static final Logger LOG = Logger.getLogger(Revocations.class);

    private final URI revocations;
    private final ObjectMapper json;
    private volatile Set<String> revokedKeys = Set.of();

    public Revocations(CallerConfig config, ObjectMapper json) {
        this.revocations = URI.create(config.authUrl() + "/.well-known/revocations.json");
        this.json = json;
    }

    public boolean isRevoked(String keyId) {
        return keyId != null && revokedKeys.contains(keyId);
    }

    @Scheduled(identity = "caas-caller-revocations", every = "${caas.caller.revocations.poll-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        try {
            Set<String> keys = new HashSet<>();
            for (JsonNode revoked : json.readTree(AuthDocuments.fetch(revocations, Duration.ofSeconds(2))).path("revoked")) {
                keys.add(revoked.path("key_id").asText());
            }
            revokedKeys = Set.copyOf(keys);
        } catch (IOException e) {
            LOG.debugf("Revocations not refreshed, the ones in hand stay: %s", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
