package io.caas.metrics.meter;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;
import java.util.function.ToIntFunction;

import io.caas.metrics.catalog.MetricCatalog;
import io.caas.metrics.catalog.MetricDefinition;
import io.caas.metrics.catalog.MetricType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

/**
 * The only way services create {@code caas_*} meters: from a {@link MetricDefinition}, with label values
 * checked against its label names. Creating a meter is the slow path; callers keep what they get (see
 * {@link MeterFamily}) so that recording never builds a meter.
 */
public final class CatalogMeters {

    private final MeterRegistry registry;
    private final ToIntFunction<String> capForMetric;
    private final Map<String, LabelGuard> guards = new ConcurrentHashMap<>();

    /**
     * @param registry where meters are registered
     * @param capForMetric distinct values allowed per capped label, by metric name
     */
    public CatalogMeters(MeterRegistry registry, ToIntFunction<String> capForMetric) {
        this.registry = registry;
        this.capForMetric = capForMetric;
    }

    /** The counter of {@code def} with these label values (in the definition's label order). */
    public Counter counter(MetricDefinition def, String... labelValues) {
        expect(def, MetricType.COUNTER);
        return Counter.builder(def.name()).description(def.help()).baseUnit(def.baseUnit())
                .tags(tags(def, labelValues)).register(registry);
    }

    /** The histogram of a {@code seconds} definition as a timer whose buckets are exactly the catalog's. */
    public Timer timer(MetricDefinition def, String... labelValues) {
        expect(def, MetricType.HISTOGRAM);
        if (!"seconds".equals(def.baseUnit())) {
            throw new IllegalArgumentException(def.name() + " is not measured in seconds");
        }
        Duration[] slos = def.buckets().stream()
                .map(seconds -> Duration.ofNanos(Math.round(seconds * 1e9)))
                .toArray(Duration[]::new);
        return Timer.builder(def.name()).description(def.help()).tags(tags(def, labelValues))
                .publishPercentileHistogram(false).serviceLevelObjectives(slos)
                .register(registry);
    }

    /** A gauge of {@code def} that reads {@code value} from {@code state} at scrape time. */
    public <T> Gauge gauge(MetricDefinition def, T state, ToDoubleFunction<T> value, String... labelValues) {
        expect(def, MetricType.GAUGE);
        return Gauge.builder(def.name(), state, value).description(def.help()).baseUnit(def.baseUnit())
                .tags(tags(def, labelValues)).strongReference(true).register(registry);
    }

    /** Removes a gauge or other meter from the registry, e.g. when a partition is revoked. */
    public void remove(io.micrometer.core.instrument.Meter meter) {
        registry.remove(meter);
    }

    /** A cache of the meters of {@code def}, one per combination of label values, with capped labels guarded. */
    private <M> MeterFamily<M> family(MetricDefinition def, MeterFamily.Factory<M> factory) {
        LabelGuard[] labelGuards = new LabelGuard[def.labelNames().size()];
        for (String label : def.cappedLabels()) {
            labelGuards[def.labelIndex(label)] = guard(def, label);
        }
        return new MeterFamily<>(def, labelGuards, factory);
    }

    /** A counter family of {@code def}. */
    public MeterFamily<Counter> counters(MetricDefinition def) {
        return family(def, values -> counter(def, values));
    }

    /** A timer family of {@code def}. */
    public MeterFamily<Timer> timers(MetricDefinition def) {
        return family(def, values -> timer(def, values));
    }

    /** The guard of one capped label of one metric; one guard per (metric, label), shared by families. */
    public LabelGuard guard(MetricDefinition def, String label) {
        if (!def.cappedLabels().contains(label)) {
            throw new IllegalArgumentException(label + " is not a capped label of " + def.name());
        }
        return guards.computeIfAbsent(def.name() + '\u0000' + label, key -> new LabelGuard(
                capForMetric.applyAsInt(def.name()),
                counter(MetricCatalog.LABEL_OVERFLOW, def.name(), label)));
    }

    private static void expect(MetricDefinition def, MetricType type) {
        if (def.type() != type) {
            throw new IllegalArgumentException(def.name() + " is a " + def.type() + ", not a " + type);
        }
    }

    private static Tags tags(MetricDefinition def, String[] values) {
        List<String> names = def.labelNames();
        if (values.length != names.size()) {
            throw new IllegalArgumentException(def.name() + " takes labels " + names + ", got " + values.length + " values");
        }
        List<Tag> tags = new ArrayList<>(names.size());
        for (int i = 0; i < values.length; i++) {
            tags.add(Tag.of(names.get(i), values[i] == null ? "" : values[i]));
        }
        return Tags.of(tags);
    }
}
