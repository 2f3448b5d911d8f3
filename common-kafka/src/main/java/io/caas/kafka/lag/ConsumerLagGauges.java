package io.caas.metrics.kafka;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.errors.RetriableException;
import org.jboss.logging.Logger;

import io.caas.metrics.catalog.MetricCatalog;
import io.caas.metrics.meter.CatalogMeters;
import io.micrometer.core.instrument.Gauge;

/**
 * Feeds {@code caas_kafka_consumer_lag{topic,partition}}. Each replica reports only the partitions currently
 * assigned to it and drops a partition's series when it is revoked, so summing over the replicas of one
 * consumer group counts every partition exactly once.
 */
@ApplicationScoped
public class ConsumerLagGauges {

    private record Key(String topic, int partition) {
    }

    private record Reported(AtomicLong lag, Gauge gauge) {
    }

    private static final Logger LOG = Logger.getLogger(ConsumerLagGauges.class);

    private final CatalogMeters meters;
    private final Map<Key, Reported> reported = new HashMap<>();

    public ConsumerLagGauges(CatalogMeters meters) {
        this.meters = meters;
    }

    /**
     * Replaces what this process reports with {@code assignedLags}: the lag of every partition assigned to
     * this process's consumer now. Partitions absent from it (revoked) disappear from the scrape.
     */
    public synchronized void update(Collection<PartitionLag> assignedLags) {
        Map<Key, Long> current = new HashMap<>();
        for (PartitionLag lag : assignedLags) {
            current.put(new Key(lag.topic(), lag.partition()), Math.max(0, lag.lag()));
        }
        reported.entrySet().removeIf(entry -> {
            if (current.containsKey(entry.getKey())) {
                return false;
            }
            meters.remove(entry.getValue().gauge());
            return true;
        });
        current.forEach((key, lag) -> reported.computeIfAbsent(key, this::register).lag().set(lag));
    }

    /**
     * {@link #update} from a fresh reading; while the brokers do not answer (a retriable Kafka error, e.g. a
     * timeout during an outage) the last reported values stay and the caller's consumer loop keeps running.
     */
    public void refresh(Supplier<Collection<PartitionLag>> reading) {
        try {
            update(reading.get());
        } catch (RetriableException e) {
            LOG.debugf("Consumer lag not refreshed, the brokers did not answer: %s", e.getMessage());
        }
    }

    /** Stops reporting every partition, e.g. when the consumer closes. */
    public void clear() {
        update(List.of());
    }

    private Reported register(Key key) {
        AtomicLong lag = new AtomicLong();
        Gauge gauge = meters.gauge(MetricCatalog.KAFKA_CONSUMER_LAG, lag, AtomicLong::doubleValue,
                key.topic(), Integer.toString(key.partition()));
        return new Reported(lag, gauge);
    }
}
