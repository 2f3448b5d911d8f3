package io.caas.kafka.lag;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.caas.metrics.catalog.MetricCatalog;
import io.caas.metrics.meter.CatalogMeters;
import io.micrometer.core.instrument.Gauge;

/**
 * Feeds {@code caas_kafka_consumer_lag{topic,partition}} for one consumer. It reports exactly the partitions it is
 * given and drops the others' series, so replicas that are given disjoint partitions (see the consumer loop) sum
 * to the group's lag without counting a partition twice.
 */
public final class ConsumerLagGauges {

    private record Key(String topic, int partition) {
    }

    private record Reported(AtomicLong lag, Gauge gauge) {
    }

    private final CatalogMeters meters;
    private final Map<Key, Reported> reported = new HashMap<>();

    public ConsumerLagGauges(CatalogMeters meters) {
        this.meters = meters;
    }

    /** Replaces what this consumer reports with {@code lags}; partitions absent from it disappear from the scrape. */
    public synchronized void update(Collection<PartitionLag> lags) {
        Map<Key, Long> current = new HashMap<>();
        for (PartitionLag lag : lags) {
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

    /** Stops reporting every partition, e.g. when the consumer stops for good. */
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
