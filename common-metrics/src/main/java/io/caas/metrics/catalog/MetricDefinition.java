package io.caas.metrics.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One {@code caas_*} metric as data: everything a service, a dashboard or a rule needs to know about it.
 * The constructor enforces the Prometheus naming rules, so an invalid definition cannot exist.
 *
 * @param name the exposed metric family name (counters end in {@code _total})
 * @param type counter, gauge or histogram
 * @param help the help text, a sentence
 * @param baseUnit base unit ({@code seconds}, {@code bytes}) that the name ends with, or {@code null}
 * @param labelNames label names in recording order
 * @param cappedLabels labels whose values are unbounded and therefore capped per metric
 * @param buckets histogram upper bounds in base units, ascending; empty for other types
 * @param emittedBy which services record it
 */
public record MetricDefinition(
        String name,
        MetricType type,
        String help,
        String baseUnit,
        List<String> labelNames,
        Set<String> cappedLabels,
        List<Double> buckets,
        String emittedBy) {

    private static final Pattern METRIC_NAME = Pattern.compile("caas_[a-z][a-z0-9_]*[a-z0-9]");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-z][a-z0-9_]*");

    public MetricDefinition {
        Objects.requireNonNull(type, "type");
        labelNames = List.copyOf(labelNames);
        cappedLabels = Set.copyOf(cappedLabels);
        buckets = List.copyOf(buckets);
        if (!METRIC_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(name + ": metric names are caas_ plus lower_snake_case");
        }
        if ((type == MetricType.COUNTER) != name.endsWith("_total")) {
            throw new IllegalArgumentException(name + ": counters, and only counters, end in _total");
        }
        if (baseUnit != null && !name.replaceFirst("_total$", "").endsWith("_" + baseUnit)) {
            throw new IllegalArgumentException(name + ": the name must end with its base unit " + baseUnit);
        }
        if (help == null || !help.endsWith(".")) {
            throw new IllegalArgumentException(name + ": help text must be a sentence ending with a period");
        }
        for (String label : labelNames) {
            if (!LABEL_NAME.matcher(label).matches() || label.equals("le")) {
                throw new IllegalArgumentException(name + ": invalid label name " + label);
            }
        }
        if (Set.copyOf(labelNames).size() != labelNames.size()) {
            throw new IllegalArgumentException(name + ": duplicate label names");
        }
        if (!labelNames.containsAll(cappedLabels)) {
            throw new IllegalArgumentException(name + ": capped labels must be labels of the metric");
        }
        if ((type == MetricType.HISTOGRAM) == buckets.isEmpty()) {
            throw new IllegalArgumentException(name + ": histograms, and only histograms, have buckets");
        }
        for (int i = 1; i < buckets.size(); i++) {
            if (buckets.get(i) <= buckets.get(i - 1)) {
                throw new IllegalArgumentException(name + ": buckets must be strictly ascending");
            }
        }
    }

    /** Starts a counter definition; the name must end in {@code _total}. */
    public static Builder counter(String name, String help) {
        return new Builder(name, MetricType.COUNTER, help);
    }

    /** Starts a gauge definition. */
    public static Builder gauge(String name, String help) {
        return new Builder(name, MetricType.GAUGE, help);
    }

    /** Starts a histogram definition; call {@link Builder#buckets(double...)}. */
    public static Builder histogram(String name, String help) {
        return new Builder(name, MetricType.HISTOGRAM, help);
    }

    /** Position of a label in {@link #labelNames()}, or -1. */
    public int labelIndex(String label) {
        return labelNames.indexOf(label);
    }

    /** The Prometheus series names this metric family exposes (e.g. {@code _bucket}, {@code _sum}). */
    public List<String> seriesNames() {
        if (type != MetricType.HISTOGRAM) {
            return List.of(name);
        }
        return List.of(name + "_bucket", name + "_count", name + "_sum");
    }

    /** Fluent construction of a definition, so the catalog reads as a table. */
    public static final class Builder {
        private final String name;
        private final MetricType type;
        private final String help;
        private String baseUnit;
        private List<String> labels = List.of();
        private final List<String> capped = new ArrayList<>();
        private List<Double> buckets = List.of();
        private String emittedBy = "all services";

        private Builder(String name, MetricType type, String help) {
            this.name = name;
            this.type = type;
            this.help = help;
        }

        public Builder unit(String unit) {
            this.baseUnit = unit;
            return this;
        }

        public Builder labels(String... names) {
            this.labels = List.of(names);
            return this;
        }

        /** Marks labels whose values come from users (tenant ids): capped by {@code caas.metrics.label-cap}. */
        public Builder capped(String... names) {
            this.capped.addAll(List.of(names));
            return this;
        }

        public Builder buckets(double... upperBounds) {
            this.buckets = java.util.Arrays.stream(upperBounds).boxed().toList();
            return this;
        }

        public Builder emittedBy(String services) {
            this.emittedBy = services;
            return this;
        }

        public MetricDefinition build() {
            return new MetricDefinition(name, type, help, baseUnit, labels, Set.copyOf(capped), buckets, emittedBy);
        }
    }
}
