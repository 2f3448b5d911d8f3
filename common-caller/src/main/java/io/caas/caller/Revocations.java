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
 * Polling auth, rather than a Kafka topic, because revocations originate there. A token minted by a revoked key stops
 * working everywhere within one poll. An answer that is not a revocation list (an error page, an older auth) replaces
 * nothing: the set in hand stays, and the failure is logged — a verifier cut off from auth while auth itself is
 * reachable for administrators is the one case where a revocation can be late.
 */
@ApplicationScoped
public class Revocations {

    private static final Logger LOG = Logger.getLogger(Revocations.class);

    private final URI revocations;
    private final ObjectMapper json;
    private volatile Set<String> revokedKeys = Set.of();
    private boolean failing; // only the scheduler's thread: one warning per outage, not one per poll

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
            JsonNode list = json.readTree(AuthDocuments.fetch(revocations, Duration.ofSeconds(2))).path("revoked");
            if (!list.isArray()) {
                throw new IOException("the answer has no \"revoked\" list");
            }
            Set<String> keys = new HashSet<>();
            list.forEach(revoked -> keys.add(revoked.path("key_id").asText()));
            revokedKeys = Set.copyOf(keys);
            if (failing) {
                failing = false;
                LOG.infof("Revocations refreshed from %s again", revocations);
            }
        } catch (IOException e) {
            if (!failing) {
                failing = true;
                LOG.warnf("Revocations not refreshed from %s, the ones in hand stay until it answers: %s", revocations,
                        e.getMessage());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
