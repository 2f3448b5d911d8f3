package io.caas.gateway.message;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;

import io.caas.gateway.config.GatewayConfig;
import io.caas.kafka.event.MessageEvent;
import io.caas.metrics.catalog.MetricCatalog;
import io.caas.metrics.meter.CatalogMeters;
import io.caas.metrics.meter.MeterFamily;
import io.caas.web.error.ApiException;
import io.micrometer.core.instrument.Counter;

/** Accepts a tenant's message: dedup by client_msg_id, publish to Kafka, count it once it is acknowledged. */
@ApplicationScoped
public class MessageService {

    private final MessagePublisher publisher;
    private final ClientMessageIds clientMessageIds;
    private final MeterFamily<Counter> sent;
    private final long waitMillis;

    public MessageService(MessagePublisher publisher, ClientMessageIds clientMessageIds, CatalogMeters meters,
            GatewayConfig config) {
        this.publisher = publisher;
        this.clientMessageIds = clientMessageIds;
        this.sent = meters.counters(MetricCatalog.MESSAGES_SENT);
        this.waitMillis = config.kafka().publishTimeout().toMillis() + 2000;
    }

    public Accepted accept(String tenant, NewMessage message) {
        String clientMsgId = message.client_msg_id();
        if (clientMsgId != null) {
            CompletableFuture<Accepted> earlier = clientMessageIds.claim(tenant, clientMsgId);
            if (earlier != null) {
                return await(earlier);
            }
        }
        Instant acceptedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        MessageEvent event = new MessageEvent(UUID.randomUUID().toString(), tenant, message.conversation_id(),
                message.type(), message.body(), clientMsgId, acceptedAt.toString());
        try {
            publisher.publish(event);
        } catch (MessagePublisher.NotAcknowledged e) {
            if (clientMsgId != null) {
                clientMessageIds.fail(tenant, clientMsgId, e);
            }
            throw kafkaUnavailable();
        }
        sent.get(tenant, message.type()).increment();
        Accepted accepted = new Accepted(event.message_id(), event.accepted_at());
        if (clientMsgId != null) {
            clientMessageIds.complete(tenant, clientMsgId, accepted);
        }
        return accepted;
    }

    private Accepted await(CompletableFuture<Accepted> earlier) {
        try {
            return earlier.get(waitMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw kafkaUnavailable();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw kafkaUnavailable();
        }
    }

    private static ApiException kafkaUnavailable() {
        return new ApiException(503, "kafka_unavailable",
                "The message was not accepted because Kafka did not acknowledge it in time; retry with the same client_msg_id.")
                .header("Retry-After", 1);
    }
}
