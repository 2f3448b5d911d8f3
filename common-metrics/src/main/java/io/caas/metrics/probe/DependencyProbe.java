package io.caas.metrics.probe;

import java.time.Duration;

/**
 * A check of one dependency (database, Kafka, another service). Services declare probes as CDI beans;
 * {@link DependencyProbes} runs them all on a schedule and publishes {@code caas_dependency_up} and
 * {@code caas_dependency_probe_duration_seconds}.
 */
public interface DependencyProbe {

    /** The {@code dependency} label value, e.g. {@code postgresql}, {@code kafka}, {@code billing}. */
    String dependency();

    /**
     * Returns normally when the dependency is usable; throws otherwise. Must give up within {@code timeout}.
     */
    void check(Duration timeout) throws Exception;
}
