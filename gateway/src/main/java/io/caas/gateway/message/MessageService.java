package io.caas.gateway.message;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;

import io.caas.gateway.config.GatewayConfig;
import io.caas.kafka.event.MessageEvent;
import io.caas.kafka.event.MessageIds;
import io.caas.metrics.catalog.MetricCatalog;
import io.caas.metrics.meter.CatalogMeters;
import io.caas.metrics.meter.MeterFamily;
import io.caas.web.error.ApiException;
import io.micrometer.core.instrument.Counter;
import io.smallrye.mutiny.Uni;

/**
 * Accepts a tenant's message: publish to Kafka, count it once it is acknowledged. A client_msg_id makes the
 * request idempotent: its message id is derived from it (the same on every replica and after every restart), a
 * retry gets the first answer (waiting for it while it is in flight), and a reuse with another payload is refused.
 * Nothing here blocks a thread on Kafka: the answer is a {@link Uni} completed by the producer's acknowledgement.
 */
@ApplicationScoped
public class MessageService {

    /** The 202 body, and whether it replays an earlier request's answer. */
    public record Result(Accepted accepted, boolean replayed) {
    }

    private final MessagePublisher publisher;
    private final IdempotencyKeys keys;
    private final MeterFamily<Counter> sent;
    private final Counter newKeys;
    private final Counter replays;
    private final Counter conflicts;
    private final long waitMillis;
    private final String window;

    public MessageService(MessagePublisher publisher, IdempotencyKeys keys, CatalogMeters meters, GatewayConfig config) {
        this.publisher = publisher;
        this.keys = keys;
        this.sent = meters.counters(MetricCatalog.MESSAGES_SENT);
        this.newKeys = meters.counter(MetricCatalog.IDEMPOTENCY_REQUESTS, "new");
        this.replays = meters.counter(MetricCatalog.IDEMPOTENCY_REQUESTS, "replayed");
        this.conflicts = meters.counter(MetricCatalog.IDEMPOTENCY_REQUESTS, "conflict");
        this.waitMillis = config.kafka().publishTimeout().toMillis() + 2000;
        this.window = config.idempotency().window().toString().substring(2).toLowerCase();
    }

    public Uni<Result> accept(String tenant, NewMessage message, Instant receivedAt) {
        String key = message.client_msg_id();
        if (key == null) {
            return publish(tenant, message, MessageIds.random(), receivedAt).map(accepted -> new Result(accepted, false));
        }
        String messageId = MessageIds.forClientMessage(tenant, key);
        IdempotencyKeys.Claim claim = keys.claim(tenant, key, Fingerprint.of(message));
        switch (claim.kind()) {
            case CONFLICT -> {
                conflicts.increment();
                throw new ApiException(422, "idempotency_key_reused", "client_msg_id " + key + " was used for a different message in the last "
                        + window + "; a new message needs a new client_msg_id.");
            }
            case EARLIER -> {
                return firstAcceptance(claim).map(acceptedAt -> {
                    replays.increment();
                    return new Result(new Accepted(messageId, acceptedAt.toString()), true);
                });
            }
            default -> {
                // every failure frees the key: the retry publishes afresh, under the same id
                return Uni.createFrom().deferred(() -> publish(tenant, message, messageId, receivedAt))
                        .onItem().invoke(accepted -> {
                            claim.accepted(Instant.parse(accepted.accepted_at()));
                            newKeys.increment();
                        })
                        .onFailure().invoke(claim::release)
                        .map(accepted -> new Result(accepted, false));
            }
        }
    }

    private Uni<Accepted> publish(String tenant, NewMessage message, String messageId, Instant receivedAt) {
        Instant acceptedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        MessageEvent event = new MessageEvent(messageId, tenant, message.conversation_id(), message.type(), message.body(),
                message.client_msg_id(), acceptedAt.toString(), receivedAt.truncatedTo(ChronoUnit.MILLIS).toString());
        return Uni.createFrom().completionStage(() -> publisher.publish(event))
                .onFailure(MessagePublisher.NotAcknowledged.class).transform(e -> kafkaUnavailable())
                .map(acknowledged -> {
                    sent.get(tenant, message.type()).increment();
                    return new Accepted(event.message_id(), event.accepted_at());
                });
    }

    /** The first request's acceptance time, once it has one; 503 if it failed or takes too long. */
    private Uni<Instant> firstAcceptance(IdempotencyKeys.Claim claim) {
        return Uni.createFrom().completionStage(claim.acceptedAt())
                .ifNoItem().after(Duration.ofMillis(waitMillis)).fail()
                .onFailure().transform(e -> kafkaUnavailable());
    }

    private static ApiException kafkaUnavailable() {
        return new ApiException(503, "kafka_unavailable",
                "The message was not accepted because Kafka did not acknowledge it in time; retry with the same client_msg_id.")
                .header("Retry-After", 1);
    }
}
