package io.caas.metrics.catalog;

/** The Prometheus type a catalog metric is exposed as. */
public enum MetricType {
    COUNTER,
    GAUGE,
    HISTOGRAM;

    /** The type name as written in a Prometheus {@code # TYPE} line. */
    public String prometheusName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
