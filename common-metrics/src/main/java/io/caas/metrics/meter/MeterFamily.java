package io.caas.metrics.meter;

import java.util.concurrent.ConcurrentHashMap;

import io.caas.metrics.catalog.MetricDefinition;

/**
 * The meters of one catalog metric, cached by label values in nested maps so that a recording is a
 * few map lookups: no key object, no tags, no builder. Capped labels go through their {@link LabelGuard}
 * first. Use the {@code get} whose arity equals the metric's label count.
 *
 * @param <M> the meter type
 */
public final class MeterFamily<M> {

    /** Creates the meter for one combination of label values (the slow path). */
    @FunctionalInterface
    interface Factory<M> {
        M create(String... labelValues);
    }

    private final MetricDefinition definition;
    private final LabelGuard[] guards;
    private final Factory<M> factory;
    private final ConcurrentHashMap<String, Object> root = new ConcurrentHashMap<>();

    MeterFamily(MetricDefinition definition, LabelGuard[] guards, Factory<M> factory) {
        this.definition = definition;
        this.guards = guards;
        this.factory = factory;
    }

    @SuppressWarnings("unchecked")
    public M get(String v0) {
        arity(1);
        v0 = admit(0, v0);
        Object meter = root.get(v0);
        if (meter == null) {
            meter = root.computeIfAbsent(v0, k -> factory.create(k));
        }
        return (M) meter;
    }

    @SuppressWarnings("unchecked")
    public M get(String v0, String v1) {
        arity(2);
        v0 = admit(0, v0);
        v1 = admit(1, v1);
        ConcurrentHashMap<String, Object> level1 = level(root, v0);
        Object meter = level1.get(v1);
        if (meter == null) {
            String first = v0;
            meter = level1.computeIfAbsent(v1, k -> factory.create(first, k));
        }
        return (M) meter;
    }

    @SuppressWarnings("unchecked")
    public M get(String v0, String v1, String v2) {
        arity(3);
        v0 = admit(0, v0);
        v1 = admit(1, v1);
        v2 = admit(2, v2);
        ConcurrentHashMap<String, Object> level2 = level(level(root, v0), v1);
        Object meter = level2.get(v2);
        if (meter == null) {
            String first = v0;
            String second = v1;
            meter = level2.computeIfAbsent(v2, k -> factory.create(first, second, k));
        }
        return (M) meter;
    }

    @SuppressWarnings("unchecked")
    private static ConcurrentHashMap<String, Object> level(ConcurrentHashMap<String, Object> parent, String key) {
        Object next = parent.get(key);
        if (next == null) {
            next = parent.computeIfAbsent(key, k -> new ConcurrentHashMap<String, Object>());
        }
        return (ConcurrentHashMap<String, Object>) next;
    }

    private String admit(int index, String value) {
        String nonNull = value == null ? "" : value;
        LabelGuard guard = guards[index];
        return guard == null ? nonNull : guard.admit(nonNull);
    }

    private void arity(int count) {
        if (guards.length != count) {
            throw new IllegalArgumentException(definition.name() + " has " + guards.length + " labels, not " + count);
        }
    }
}
